import type { ChannelName } from "../domain/channel";
import type { Store } from "../store";
import type { ConsentDecision } from "../store/accounts";

/** Consent to processing and to transfer to third parties (policy §1.2, §7), given in the chat. */
export class ConsentService {
  constructor(private readonly store: Store) {}

  /**
   * Records a decision and returns the account's id. Declining processing stores nothing at all
   * (policy §1.2: without consent no data about the person is kept); any other decision creates the
   * account if needed and replaces the decision in force for that purpose.
   */
  record(channel: ChannelName, chatId: number | string, decision: ConsentDecision): string | undefined {
    if (decision.purpose === "processing" && !decision.granted) return this.store.accounts.findAccountId(channel, chatId);
    return this.store.transaction((tx) => {
      const accountId = tx.accounts.findAccountId(channel, chatId) ?? tx.accounts.create(channel, chatId);
      tx.accounts.withdrawConsents(accountId, decision.purpose);
      const consentId = tx.accounts.addConsent(accountId, channel, decision);
      tx.audit.record({
        actor: "patient",
        actorId: accountId,
        action: decision.granted ? "consent.granted" : "consent.declined",
        recordType: "consent",
        recordId: consentId,
      });
      // A renewed consent after a withdrawal lifts the block the withdrawal put on kept records.
      if (decision.purpose === "processing") tx.accounts.unblock(accountId, ["withdrawal"]);
      return accountId;
    });
  }
}
