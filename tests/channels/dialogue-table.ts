/**
 * The booking dialogue as one table of expectations: what the patient does at each step and what the
 * bot must answer (texts and option labels, from the locale files). Every scenario runs on every
 * channel, so a change to the dialogue is tested on Telegram and WhatsApp at once.
 */
import type { ChannelName } from "../../src/domain/channel";
import { actionAt, IVANOV, IVANOV_BOOKED, IVANOV_STAFF, IVANOV_SUMMARY, type Step as WalkStep } from "../support/booking";
import { OWN_PHONE, seenOf, type DriverAction, type Seen } from "../support/drivers";
import { ALIYA, CLINIC, DOCTORS, doctorButton, PHONE, SERVICES } from "../support/fixtures";
import type { Reply } from "../support/harness";
import { t } from "../support/i18n";
import { booked, K, R, staffMessage, summary, WELCOME_CHOOSE_LANGUAGE } from "../support/replies";

export interface Step {
  do: DriverAction;
  expect: Seen[];
}

export interface Scenario {
  name: string;
  steps: Step[];
  /** The staff group's messages afterwards, for a booking made on `channel`. */
  staff?: (channel: ChannelName) => string[];
}

const choose = (label: string, ...replies: (Reply | Seen)[]): Step => ({ do: { choose: label }, expect: replies.map(seen) });
const type = (text: string, ...replies: (Reply | Seen)[]): Step => ({ do: { type: text }, expect: replies.map(seen) });
const shareOwnPhone = (...replies: (Reply | Seen)[]): Step => ({ do: { shareOwnPhone: true }, expect: replies.map(seen) });
const said = (text: string): Seen => ({ text, options: [] });
/** Ivan's answer at a step of the booking walk. */
const answer = (step: WalkStep, ...replies: (Reply | Seen)[]): Step => ({ do: actionAt(step, IVANOV), expect: replies.map(seen) });

function seen(reply: Reply | Seen): Seen {
  return "options" in reply ? reply : seenOf(reply);
}

// The phone question offers the patient's own number on both channels.
const ASK_PHONE_RU = { text: R.askPhone.text, options: [OWN_PHONE, t("ru", "button-back"), t("ru", "button-cancel")] };
const ASK_PHONE_KK = { text: K.askPhone.text, options: [OWN_PHONE, t("kk", "button-back"), t("kk", "button-cancel")] };

/** /start, Russian, consent, no third parties: the bot asks who is coming. */
const RUSSIAN_UP_TO_WHO: Step[] = [
  type("/start", WELCOME_CHOOSE_LANGUAGE),
  choose(t("ru", "language-ru"), R.welcome, R.policyWithConsent),
  choose(t("ru", "button-consent-yes"), R.thirdParty),
  choose(t("ru", "button-third-party-no"), R.thirdPartyDeclined, R.askWho),
];

const IVANOV_UP_TO_PHONE: Step[] = [...RUSSIAN_UP_TO_WHO, answer("who", R.askIinSelf), answer("iin", R.askNameSelf), answer("name", ASK_PHONE_RU)];

const IVANOV_FROM_SERVICE: Step[] = [
  answer("service", R.askDoctorPediatrician),
  answer("doctor", R.askDayAkhmetova),
  answer("day", R.askTimeAkhmetovaWed2),
  answer("time", summary("ru", IVANOV_SUMMARY)),
];

const IVANOV_CONFIRMED = answer("summary", booked("ru", { number: "B00001", ...IVANOV_BOOKED }));

const errorFor = (key: string, variables: Record<string, string> = {}) => said(t("ru", key, variables));

export const SCENARIOS: Scenario[] = [
  {
    name: "a Russian-speaking man books himself with his own number, and the staff group is told",
    steps: [...IVANOV_UP_TO_PHONE, shareOwnPhone(R.phoneSaved(PHONE.shown), R.askService), ...IVANOV_FROM_SERVICE, IVANOV_CONFIRMED],
    staff: (channel) => [staffMessage("booked", IVANOV_STAFF, channel)],
  },
  {
    name: "a Kazakh-speaking mother books her daughter in Kazakh with a typed number",
    steps: [
      type("/start", WELCOME_CHOOSE_LANGUAGE),
      choose(t("kk", "language-kk"), K.welcome, K.policyWithConsent),
      choose(t("kk", "button-consent-yes"), K.thirdParty),
      choose(t("kk", "button-third-party-yes"), K.thirdPartyGranted, K.askWho),
      choose(t("kk", "button-who-other"), K.askIinOther),
      type(ALIYA.iin, K.askRepresentative),
      choose(t("kk", "button-representative-yes"), K.askNameOther),
      type("Сейтқали Айгерім Нұрланқызы", ASK_PHONE_KK),
      type("8 701 234 56 78", K.phoneSaved(PHONE.shown), K.askService),
      choose(SERVICES.pediatrician.kk, K.askDoctorPediatrician),
      choose(doctorButton(DOCTORS.akhmetova, "kk"), K.askDayAkhmetova),
      choose("сәрсенбі, 2 желтоқсан", K.askTimeAkhmetovaWed2),
      choose(
        "14:00",
        summary("kk", {
          relation: "child",
          name: "Сейтқали Айгерім Нұрланқызы",
          iin: ALIYA.maskedIin,
          phone: PHONE.shown,
          service: SERVICES.pediatrician.kk,
          doctor: DOCTORS.akhmetova.name.kk,
          when: "сәрсенбі, 2 желтоқсан, 14:00",
        }),
      ),
      choose(
        t("kk", "button-confirm"),
        booked("kk", { number: "B00001", date: "сәрсенбі, 2 желтоқсан", time: "14:00", service: SERVICES.pediatrician.kk, doctor: DOCTORS.akhmetova.name.kk, other: { name: "Сейтқали Айгерім Нұрланқызы", minor: true } }),
      ),
    ],
    staff: (channel) => [staffMessage("booked", { ...IVANOV_STAFF, patient: "Сейтқали Айгерім Нұрланқызы", iin: ALIYA.maskedIin, minorAge: 11, language: "kk" }, channel)],
  },
  {
    name: "every kind of wrong IIN, name and phone is explained and asked again; the booking then completes",
    steps: [
      ...RUSSIAN_UP_TO_WHO,
      answer("who", R.askIinSelf),
      type("9001 0130 012", errorFor("iin-error-format"), R.askIinSelf),
      type("90010130012O", errorFor("iin-error-format"), R.askIinSelf),
      type("900101700126", errorFor("iin-error-century"), R.askIinSelf),
      type("900230300126", errorFor("iin-error-date"), R.askIinSelf),
      type("261215500000", errorFor("iin-error-future"), R.askIinSelf),
      type("900101300127", errorFor("iin-error-checksum"), R.askIinSelf),
      type("850723100450", errorFor("iin-error-before-1900"), R.askIinSelf),
      type(ALIYA.iin, errorFor("iin-error-minor-self"), R.askIinSelf),
      type("12345", errorFor("iin-error-format"), R.askIinSelf),
      type("900101-300126", R.askNameSelf),
      type("Иванов", errorFor("name-error-word-count"), R.askNameSelf),
      type("Иванов Иван 3", errorFor("name-error-characters"), R.askNameSelf),
      type("Ивaнов Иван Иванович", errorFor("name-error-mixed-script"), R.askNameSelf),
      type("А Б В", errorFor("name-error-initials"), R.askNameSelf),
      answer("name", ASK_PHONE_RU),
      type("+7 912 345 67 89", errorFor("phone-error-country", { clinicPhone: CLINIC.phoneShown }), ASK_PHONE_RU),
      type("+7 727 255 01 01", errorFor("phone-error-not-mobile", { clinicPhone: CLINIC.phoneShown }), ASK_PHONE_RU),
      type("позвоните мне вечером", errorFor("phone-error-format"), ASK_PHONE_RU),
      type("8 701 234", errorFor("phone-error-format"), ASK_PHONE_RU),
      answer("phone", R.phoneSaved(PHONE.shown), R.askService),
      ...IVANOV_FROM_SERVICE,
      IVANOV_CONFIRMED,
    ],
    staff: (channel) => [staffMessage("booked", IVANOV_STAFF, channel)],
  },
  {
    name: "'← Назад' returns to the previous question at every kind of step, and nothing given is lost",
    steps: [
      ...IVANOV_UP_TO_PHONE,
      choose(t("ru", "button-back"), R.askNameSelf),
      choose(t("ru", "button-back"), R.askIinSelf),
      choose(t("ru", "button-back"), R.askWho),
      answer("who", R.askIinSelf),
      answer("iin", R.askNameSelf),
      answer("name", ASK_PHONE_RU),
      shareOwnPhone(R.phoneSaved(PHONE.shown), R.askService),
      answer("service", R.askDoctorPediatrician),
      choose(t("ru", "button-back"), R.askService),
      ...IVANOV_FROM_SERVICE,
      choose(t("ru", "button-change"), { text: R.askChange.text, options: R.askChange.buttons!.flat() }),
      choose(t("ru", "button-change-phone"), ASK_PHONE_RU),
      type("+7 777 123 45 67", R.phoneSaved("+7 777 123 45 67"), summary("ru", { ...IVANOV_SUMMARY, phone: "+7 777 123 45 67" })),
      IVANOV_CONFIRMED,
    ],
    staff: (channel) => [staffMessage("booked", { ...IVANOV_STAFF, phone: "+7 777 123 45 67" }, channel)],
  },
  {
    name: "/cancel midway drops the draft; the cancel option does too; /book starts afresh without asking consent again",
    steps: [
      ...IVANOV_UP_TO_PHONE,
      type("/cancel", R.bookingCancelled),
      type("/cancel", R.nothingToCancel),
      type("/book", R.askWho),
      answer("who", R.askIinSelf),
      type("/help", R.help, R.askIinSelf),
      choose(t("ru", "button-cancel"), R.bookingCancelled),
      type("/book", R.askWho),
    ],
    staff: () => [],
  },
];

export function describeAction(action: DriverAction): string {
  if ("choose" in action) return `chooses "${action.choose}"`;
  if ("type" in action) return `types "${action.type}"`;
  return "shares own number";
}
