import { InlineKeyboard } from "grammy";
import { consentData, policyTextData, thirdPartyData } from "../../domain/callback-data";
import { compareVersions } from "../../domain/policy";
import type { App } from "../../app";
import type { Locale } from "../../domain/locale";
import type { DialogueContext, PrivateContext } from "../context";
import { sendPolicyText } from "../information";
import { blockedMessageKey, consentButtons, factsOf, policyInForceNow, policySummaryPrompt, policyUpdatePrompt, type PolicyFacts } from "../replies";
import type { Dialogue, Prompt, Reading } from "./dialogue";

interface ConsentStatus {
  accountId: string | undefined;
  /** Blocked by the person or an admin; a withdrawal's block is lifted by consenting again. */
  blockedBy: "patient" | "admin" | undefined;
  policy: PolicyFacts;
  hasProcessingConsent: boolean;
  /** The person consented to an older version: they are shown what changed (policy §9). */
  consentedToOlderVersion: boolean;
  thirdPartyAnswered: boolean;
}

function consentStatus(app: App, ctx: PrivateContext): ConsentStatus {
  const policy = factsOf(policyInForceNow(app));
  const accountId = app.store.accounts.findAccountId(ctx.channel, ctx.chat.id);
  const processing = accountId && app.store.accounts.currentConsent(accountId, "processing");
  const thirdParty = accountId && app.store.accounts.currentConsent(accountId, "third_party");
  const block = accountId ? app.store.accounts.blockOf(accountId) : undefined;
  return {
    accountId,
    blockedBy: block && block.blockedBy !== "withdrawal" ? block.blockedBy : undefined,
    policy,
    hasProcessingConsent: Boolean(processing && processing.granted && processing.policyVersion === policy.version),
    consentedToOlderVersion: Boolean(processing && processing.granted && compareVersions(processing.policyVersion, policy.version) < 0),
    thirdPartyAnswered: Boolean(thirdParty && thirdParty.policyVersion === policy.version),
  };
}

/**
 * Policy §1.2 and §4: nothing about the person is collected before explicit consent to the policy in
 * force. Returns the account id, or ends the dialogue politely when the person declines.
 */
export async function ensureConsent(dialogue: Dialogue): Promise<string> {
  const status = await dialogue.outside(consentStatus);
  if (status.blockedBy) return dialogue.stop(dialogue.t(blockedMessageKey(status.blockedBy)));
  let accountId = status.accountId;
  if (!status.hasProcessingConsent) accountId = await askProcessingConsent(dialogue, status, status.consentedToOlderVersion);
  if (!status.thirdPartyAnswered) await askThirdPartyConsent(dialogue, status.policy);
  return accountId!;
}

/**
 * Asks for consent to the version in force. Someone who consented to an older version is told it is a
 * new version and what changed; declining it keeps what they have but lets them book nothing new.
 */
async function askProcessingConsent(dialogue: Dialogue, status: ConsentStatus, isUpdate: boolean): Promise<string> {
  const { policy } = status;
  const ctx = dialogue.context;
  let prompt: Prompt = isUpdate
    ? policyUpdatePrompt(ctx, policy, dialogue.locale, consentButtons(ctx, new InlineKeyboard().text(ctx.t("button-policy-full"), policyTextData.data).row()))
    : policySummaryPrompt(ctx, policy, { withConsentButtons: true });
  for (;;) {
    const answer = await dialogue.ask(prompt, readConsent, false);
    if (answer === "full") {
      const text = await dialogue.outside((app) => policyTextOf(app, policy.version, dialogue.locale));
      await sendPolicyText(dialogue.context, text);
      prompt = { text: dialogue.t("consent-question"), keyboard: consentButtons(dialogue.context) };
      continue;
    }
    if (answer === "no") return dialogue.stop(dialogue.t(declinedKey(status, isUpdate)));
    return dialogue.outside((app, ctx) =>
      app.services.consents.record(ctx.channel, ctx.chat.id, {
        purpose: "processing",
        granted: true,
        policyVersion: policy.version,
        textSha256: policy.sha256[dialogue.locale],
        locale: dialogue.locale,
      }),
    ) as Promise<string>;
  }
}

/**
 * Without consent nothing new is stored, but an account that exists already holds records: after a
 * withdrawal the law keeps the consent records and past visits (blocked), so "we stored nothing" is untrue.
 */
function declinedKey(status: ConsentStatus, isUpdate: boolean): "policy-update-declined" | "consent-declined" | "consent-declined-records-kept" {
  if (isUpdate) return "policy-update-declined";
  return status.accountId === undefined ? "consent-declined" : "consent-declined-records-kept";
}

function readConsent(ctx: DialogueContext): Reading<"yes" | "no" | "full"> {
  const data = ctx.callbackQuery?.data;
  if (policyTextData.is(data)) return { ok: true, value: "full" };
  const consent = consentData.read(data);
  return consent && { ok: true, value: consent.answer };
}

/** The text of the version the person is being asked about, read only when they ask for it. */
function policyTextOf(app: App, version: string, locale: Locale): string {
  const policy = app.store.policyVersions.byVersion(version);
  if (!policy) throw new Error(`Policy version ${version} was asked about but is not in the database; versions are never removed`);
  return policy.text[locale];
}

/** Policy §7: transfer to third parties only with a separate, explicit consent; saying no is fine. */
async function askThirdPartyConsent(dialogue: Dialogue, policy: PolicyFacts): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(dialogue.t("button-third-party-yes"), thirdPartyData.pack({ answer: "yes" }))
    .row()
    .text(dialogue.t("button-third-party-no"), thirdPartyData.pack({ answer: "no" }));
  const granted = await dialogue.ask(
    { text: dialogue.t("third-party-question"), keyboard },
    (ctx) => {
      const answer = thirdPartyData.read(ctx.callbackQuery?.data)?.answer;
      return answer && { ok: true, value: answer === "yes" };
    },
    false,
  );
  await dialogue.outside((app, ctx) => {
    app.services.consents.record(ctx.channel, ctx.chat.id, {
      purpose: "third_party",
      granted: granted === true,
      policyVersion: policy.version,
      textSha256: policy.sha256[dialogue.locale],
      locale: dialogue.locale,
    });
  });
  await dialogue.say(dialogue.t(granted === true ? "third-party-granted" : "third-party-declined"));
}
