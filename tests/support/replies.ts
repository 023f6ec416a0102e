/**
 * The bot's replies as a test expects them: the texts from the locale files (through `t`), the keyboards
 * laid out as the person sees them, and the catalogue's names from the fixtures. What the bot computes
 * (days, times, masked IINs) a test states literally.
 */
import { readFileSync } from "node:fs";
import type { ChannelName } from "../../src/domain/channel";
import type { Locale } from "../../src/domain/locale";
import { CATALOG_PATH, CLINIC, doctorButton, DOCTORS, SERVICES } from "./fixtures";
import type { Reply, TestChat } from "./harness";
import { t } from "./i18n";

// ---------------------------------------------------------------------------------------------
// The booking dialogue
// ---------------------------------------------------------------------------------------------

/** Back and Cancel under every question of the booking. */
export function navigation(locale: Locale): string[] {
  return [t(locale, "button-back"), t(locale, "button-cancel")];
}

/** The very first message, in both languages, with the language buttons. */
export const WELCOME_CHOOSE_LANGUAGE: Reply = {
  text: t("ru", "welcome-choose-language"),
  buttons: [[t("kk", "language-kk"), t("ru", "language-ru")]],
};

export interface PolicyVersion {
  version: string;
  /** The effective date as the bot writes it, "25.11.2026". */
  date: string;
}

export const FIRST_POLICY: PolicyVersion = { version: "1.0", date: "25.11.2026" };

export function policySummary(locale: Locale, policy: PolicyVersion = FIRST_POLICY): string {
  return `${t(locale, "policy-heading", { ...policy })}\n\n${t(locale, "policy-summary")}`;
}

/** The consent buttons, also under a changed policy. */
export function consentButtons(locale: Locale): string[][] {
  return [[t(locale, "button-policy-full")], [t(locale, "button-consent-yes")], [t(locale, "button-consent-no")]];
}

/** A day's free times, four to a row. */
function timeRows(times: string[]): string[][] {
  const rows: string[][] = [];
  for (let index = 0; index < times.length; index += 4) rows.push(times.slice(index, index + 4));
  return rows;
}

/** Two days to a row. */
function dayRows(days: string[]): string[][] {
  const rows: string[][] = [];
  for (let index = 0; index < days.length; index += 2) rows.push(days.slice(index, index + 2));
  return rows;
}

/** The service question: every service of the example catalogue with its description. */
export function askServiceText(locale: Locale): string {
  const catalog = JSON.parse(readFileSync(CATALOG_PATH, "utf8")) as { services: { name: Record<Locale, string>; description?: Record<Locale, string> }[] };
  const described = catalog.services.map(({ name, description }) => (description ? t(locale, "service-described", { name: name[locale], description: description[locale] }) : name[locale]));
  return t(locale, "ask-service", { services: described.join("\n\n") });
}

/** The paediatricians, under "any specialist" at the earliest free time of either (`earliest` as shown). */
export function askDoctorPediatrician(locale: Locale, earliest: string): Reply {
  return {
    text: t(locale, "ask-doctor"),
    buttons: [[t(locale, "button-any-doctor", { when: earliest })], [doctorButton(DOCTORS.akhmetova, locale)], [doctorButton(DOCTORS.sadykova, locale)], navigation(locale)],
  };
}

/** The days with free time, under the one-tap earliest time (`earliest` as the button shows it). */
export function askDay(locale: Locale, earliest: string, days: string[]): Reply {
  return {
    text: t(locale, "ask-day"),
    buttons: [[t(locale, "button-earliest-slot", { when: earliest })], ...dayRows(days), [t(locale, "button-waitlist-none-fit")], navigation(locale)],
  };
}

/** The times of one day; `day` as the question says it ("в среду, 2 декабря" / "2 желтоқсан, сәрсенбі күні"). */
export function askTime(locale: Locale, day: string, times: string[]): Reply {
  return { text: t(locale, "ask-time", { day }), buttons: [...timeRows(times), navigation(locale)] };
}

/** Ахметова's (and Садыкова's) days from Tuesday 1 December 2026, 08:00. */
const AKHMETOVA_DAYS = {
  ru: ["вт, 1 декабря", "ср, 2 декабря", "чт, 3 декабря", "пт, 4 декабря", "сб, 5 декабря", "пн, 7 декабря", "вт, 8 декабря", "ср, 9 декабря", "чт, 10 декабря", "пт, 11 декабря", "сб, 12 декабря", "пн, 14 декабря"],
  kk: [
    "сейсенбі, 1 желтоқсан",
    "сәрсенбі, 2 желтоқсан",
    "бейсенбі, 3 желтоқсан",
    "жұма, 4 желтоқсан",
    "сенбі, 5 желтоқсан",
    "дүйсенбі, 7 желтоқсан",
    "сейсенбі, 8 желтоқсан",
    "сәрсенбі, 9 желтоқсан",
    "бейсенбі, 10 желтоқсан",
    "жұма, 11 желтоқсан",
    "сенбі, 12 желтоқсан",
    "дүйсенбі, 14 желтоқсан",
  ],
};
/** The first free time from Tuesday 1 December 2026, 08:00, of Ахметова (and of the paediatricians). */
const AKHMETOVA_EARLIEST = { ru: "вт, 1 декабря, 09:00", kk: "сейсенбі, 1 желтоқсан, 09:00" };
/** Ахметова works 14:00–18:00 on Wednesdays, 30-minute slots. */
const AKHMETOVA_WEDNESDAY = ["14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30"];

/** The questions of the booking dialogue in one language, for Ivan's way through it. */
function dialogueReplies(locale: Locale) {
  const nav = navigation(locale);
  return {
    welcome: { text: t(locale, "welcome") } as Reply,
    policyWithConsent: { text: policySummary(locale), buttons: consentButtons(locale) } as Reply,
    policyOnly: { text: policySummary(locale), buttons: [[t(locale, "button-policy-full")]] } as Reply,
    consentQuestion: { text: t(locale, "consent-question"), buttons: [[t(locale, "button-consent-yes")], [t(locale, "button-consent-no")]] } as Reply,
    consentDeclined: { text: t(locale, "consent-declined"), removesKeyboard: true } as Reply,
    thirdParty: { text: t(locale, "third-party-question"), buttons: [[t(locale, "button-third-party-yes")], [t(locale, "button-third-party-no")]] } as Reply,
    thirdPartyGranted: { text: t(locale, "third-party-granted") } as Reply,
    thirdPartyDeclined: { text: t(locale, "third-party-declined") } as Reply,
    askWho: { text: t(locale, "ask-who", { hours: 6 }), buttons: [[t(locale, "button-who-self")], [t(locale, "button-who-other")], [t(locale, "button-cancel")]] } as Reply,
    /** The "who" question of a chat that booked before: its saved people (as buttons show them) first. */
    askWhoSaved: (people: string[]): Reply => ({
      text: t(locale, "ask-who-saved", { hours: 6 }),
      buttons: [...people.map((person) => [person]), [t(locale, "button-who-self")], [t(locale, "button-who-other")], [t(locale, "button-cancel")]],
    }),
    askIinSelf: { text: t(locale, "ask-iin-self"), buttons: [nav] } as Reply,
    askIinOther: { text: t(locale, "ask-iin-other"), buttons: [nav] } as Reply,
    askRepresentative: { text: t(locale, "ask-representative"), buttons: [[t(locale, "button-representative-yes")], [t(locale, "button-representative-no")], nav] } as Reply,
    askNameSelf: { text: t(locale, "ask-name-self"), buttons: [nav] } as Reply,
    askNameOther: { text: t(locale, "ask-name-other"), buttons: [nav] } as Reply,
    askPhone: { text: t(locale, "ask-phone"), buttons: [[`[contact] ${t(locale, "button-share-phone")}`], nav] } as Reply,
    phoneSaved: (phone: string): Reply => ({ text: t(locale, "phone-saved", { phone }), removesKeyboard: true }),
    askService: { text: askServiceText(locale), buttons: [...Object.values(SERVICES).map((service) => [service[locale]]), nav] } as Reply,
    askDoctorPediatrician: askDoctorPediatrician(locale, AKHMETOVA_EARLIEST[locale]),
    askDayAkhmetova: askDay(locale, AKHMETOVA_EARLIEST[locale], AKHMETOVA_DAYS[locale]),
    askTimeAkhmetovaWed2: askTime(locale, { ru: "в среду, 2 декабря", kk: "2 желтоқсан, сәрсенбі күні" }[locale], AKHMETOVA_WEDNESDAY),
    askChange: {
      text: t(locale, "ask-change"),
      buttons: [
        [t(locale, "button-change-who"), t(locale, "button-change-iin")],
        [t(locale, "button-change-name"), t(locale, "button-change-phone")],
        [t(locale, "button-change-service"), t(locale, "button-change-doctor")],
        [t(locale, "button-change-day")],
        [t(locale, "button-back")],
      ],
    } as Reply,
    slotTaken: { text: t(locale, "slot-taken") } as Reply,
    bookingCancelled: { text: t(locale, "booking-cancelled"), removesKeyboard: true } as Reply,
    nothingToCancel: { text: t(locale, "nothing-to-cancel") } as Reply,
    answerTextPlease: { text: t(locale, "answer-text-please") } as Reply,
    answerUseButtons: { text: t(locale, "answer-use-buttons") } as Reply,
    commandDuringDialogue: { text: t(locale, "command-during-dialogue") } as Reply,
    /** /book or /start in the middle of the booking: go on, or start afresh. */
    leaveForBook: { text: t(locale, "booking-leave-question"), buttons: [[t(locale, "button-dialogue-continue")], [t(locale, "button-dialogue-leave-for-book")]] } as Reply,
    /** /appointments in the middle of the booking: go on, or leave it for the list. */
    leaveForAppointments: { text: t(locale, "booking-leave-question"), buttons: [[t(locale, "button-dialogue-continue")], [t(locale, "button-dialogue-leave-for-appointments")]] } as Reply,
    help: { text: t(locale, "help", { clinic: CLINIC.name[locale], address: CLINIC.address[locale], phone: CLINIC.phone }) } as Reply,
    chooseLanguage: { text: t(locale, "choose-language"), buttons: WELCOME_CHOOSE_LANGUAGE.buttons } as Reply,
  };
}

/** The Russian dialogue. */
export const R = {
  ...dialogueReplies("ru"),
  askDayNurlanov: askDay("ru", "ср, 2 декабря, 14:00", ["ср, 2 декабря", "пт, 4 декабря", "пн, 7 декабря", "ср, 9 декабря", "пт, 11 декабря", "пн, 14 декабря"]),
  askTimeAkhmetovaThu3: askTime("ru", "в четверг, 3 декабря", ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"]),
  /** Нурланов's Wednesday, 40-minute slots. */
  askTimeNurlanovWed2: askTime("ru", "в среду, 2 декабря", ["14:00", "14:40", "15:20", "16:00", "16:40", "17:20"]),
};

/** The Kazakh dialogue. */
export const K = dialogueReplies("kk");

export interface SummaryFacts {
  relation: "self" | "other" | "child";
  name: string;
  /** Masked, as the summary shows it. */
  iin: string;
  phone: string;
  service: string;
  doctor: string;
  when: string;
}

/** The summary before the booking is confirmed. */
export function summary(locale: Locale, facts: SummaryFacts): Reply {
  return {
    text: t(locale, "summary", { ...facts, relation: t(locale, `summary-relation-${facts.relation}`), address: CLINIC.address[locale] }),
    buttons: [[t(locale, "button-confirm")], [t(locale, "button-change")], navigation(locale)],
  };
}

export interface BookedFacts {
  number: string;
  date: string;
  time: string;
  service: string;
  doctor: string;
  /** Who comes, when not the booker: named on the first line; a child also brings a birth certificate. */
  other?: { name: string; minor: boolean };
}

/** The confirmation of a booking. */
export function booked(locale: Locale, { other, ...facts }: BookedFacts): Reply {
  const who = other ? { who: "other", name: other.name } : { who: "self", name: "" };
  const bring = t(locale, other?.minor ? "booked-bring-child" : "booked-bring-adult");
  const map = `\n${t(locale, "booked-map", { url: CLINIC.mapUrl })}`;
  return { text: t(locale, "booked", { ...facts, ...who, bring, address: CLINIC.address[locale], map, phone: "+7 727 255 01 01" }) };
}

// ---------------------------------------------------------------------------------------------
// Appointments and the staff group
// ---------------------------------------------------------------------------------------------

export interface AppointmentFacts {
  number: string;
  date: string;
  time: string;
  service: string;
  doctor: string;
  patient: string;
}

export function appointmentItem(locale: Locale, facts: AppointmentFacts): string {
  const { number, date, time, service, doctor, patient } = facts;
  return t(locale, "appointment-item", { number, date, time, service, doctor, patient });
}

/** /appointments: the count, then one message per booking with its cancel button. */
export function appointmentList(locale: Locale, items: AppointmentFacts[]): Reply[] {
  return [
    { text: t(locale, "appointments-heading", { count: items.length }) },
    ...items.map((item) => ({ text: appointmentItem(locale, item), buttons: [[t(locale, "button-move-booking")], [t(locale, "button-cancel-booking")]] })),
  ];
}

export interface StaffFacts {
  number: string;
  service: string;
  doctor: string;
  date: string;
  time: string;
  patient: string;
  phone: string;
  iin: string;
  /** Who comes: the booker themself unless a child of this age, booked by a parent or representative. */
  minorAge?: number;
  /** The language the booker talks to the bot in, the one to call back in: Russian unless said. */
  language?: Locale;
}

/** The weekdays of the dates the tests book on, as the staff alert writes them. */
const STAFF_DAYS: Record<string, string> = {
  "01.12.2026": "вт, 1 декабря",
  "02.12.2026": "ср, 2 декабря",
  "03.12.2026": "чт, 3 декабря",
};

/**
 * A staff group message (in Russian, the staff's language) about a booking made on `channel`. A new
 * booking is its alert card, in the state it is in (booked unless said).
 */
export function staffMessage(kind: "booked" | "cancelled" | "changed", facts: StaffFacts, channel: ChannelName = "telegram"): string {
  if (kind === "booked") return staffCard(facts, channel);
  return t("ru", `staff-${kind}`, { ...facts, channel: t("ru", `channel-${channel}`) });
}

/** The alert of a booking, as staff see it in the group (and as it is edited to its new state). */
export function staffCard(facts: StaffFacts, channel: ChannelName = "telegram", state = t("ru", "staff-state-booked")): string {
  const day = STAFF_DAYS[facts.date];
  if (!day) throw new Error(`add ${facts.date} to STAFF_DAYS`);
  return t("ru", "staff-card", {
    number: facts.number,
    channel: t("ru", `channel-${channel}`),
    when: `${day}, ${facts.time}`,
    service: facts.service,
    doctor: facts.doctor,
    patient: facts.patient,
    who: facts.minorAge === undefined ? t("ru", "staff-who-self") : t("ru", "staff-who-minor", { age: facts.minorAge }),
    phone: facts.phone,
    iin: facts.iin,
    language: t("ru", `staff-language-${facts.language ?? "ru"}`),
    state,
  });
}

/** A booking cancelled by an erasure or a withdrawal: the time is free, whose it was is not said. */
export function staffErased(facts: Pick<StaffFacts, "number" | "service" | "doctor" | "date" | "time">, channel: ChannelName = "telegram"): string {
  const { number, service, doctor, date, time } = facts;
  return t("ru", "staff-erased", { number, service, doctor, date, time, channel: t("ru", `channel-${channel}`) });
}

// ---------------------------------------------------------------------------------------------
// /mydata, /block, /delete, /withdraw
// ---------------------------------------------------------------------------------------------

/** A yes button above "no, change nothing". */
export function confirmation(locale: Locale, text: string, yes: string): Reply {
  return { text, buttons: [[t(locale, yes)], [t(locale, "button-data-rights-no")]] };
}

/** The /mydata heading, with the block's line when processing is restricted. */
export function myDataHeading(locale: Locale, date: string, created: string, blocked?: string): Reply {
  const heading = t(locale, "mydata-heading", { date, created });
  return { text: blocked ? `${heading}\n${blocked}` : heading };
}

/** One person in /mydata, with the button that shows the full IIN. */
export function myDataPerson(locale: Locale, person: { name: string; relation: "self" | "other" | "minor"; iin: string; phone: string }): Reply {
  return {
    text: t(locale, "mydata-person", { ...person, relation: t(locale, `mydata-relation-${person.relation}`) }),
    buttons: [[t(locale, "button-mydata-show-iin")]],
  };
}

export interface ConsentFacts {
  purpose: "processing" | "third-party";
  granted: boolean;
  version: string;
  date: string;
  /** The date it stopped being in force, if it did. */
  ended?: string;
}

export function myDataConsent(locale: Locale, consent: ConsentFacts): string {
  return t(locale, "mydata-consent", {
    purpose: t(locale, `mydata-consent-${consent.purpose}`),
    decision: t(locale, consent.granted ? "mydata-consent-granted" : "mydata-consent-declined"),
    version: consent.version,
    date: consent.date,
    status: consent.ended ? t(locale, consent.granted ? "mydata-consent-ended" : "mydata-consent-declined-ended", { date: consent.ended }) : t(locale, "mydata-consent-active"),
  });
}

export function myDataBooking(locale: Locale, booking: AppointmentFacts & { status: "upcoming" | "confirmed" | "past" | "attended" | "no-show" | { cancelled: string } }): string {
  const { status, ...facts } = booking;
  const shown = typeof status === "string" ? t(locale, `mydata-booking-${status}`) : t(locale, "mydata-booking-cancelled", { date: status.cancelled });
  return t(locale, "mydata-booking", { ...facts, status: shown });
}

/**
 * What /mydata says about the processing (policy §3–§8); `thirdParty` is the answer to §7 as it stands,
 * `finishedDays` the RETENTION_FINISHED_DAYS the bot runs with (none by default).
 */
export function processingFacts(locale: Locale, version: string, thirdParty: "granted" | "declined" | "withdrawn" | "unanswered", finishedDays?: number): string {
  const bullets = (keys: string[]) => keys.map((key) => `• ${t(locale, key)}`);
  return [
    t(locale, "mydata-processing-heading", { version }),
    t(locale, "mydata-purposes-heading"),
    ...bullets(["fact-purpose-system", "fact-purpose-bookings", "fact-purpose-notifications", "fact-purpose-improvement", "fact-purpose-law"]),
    t(locale, "mydata-bases-heading"),
    ...bullets(["fact-basis-consent", "fact-basis-law"]),
    t(locale, "mydata-retention-heading"),
    ...bullets(["fact-retention-bookings", "fact-retention-history"]),
    `• ${finishedDays === undefined ? t(locale, "fact-retention-finished-unset") : t(locale, "fact-retention-finished", { days: finishedDays })}`,
    ...bullets(["fact-retention-account", "fact-retention-drafts"]),
    t(locale, "mydata-recipients-heading"),
    `• ${t(locale, "fact-recipient-staff")}`,
    `• ${t(locale, "fact-recipient-third-parties", { answer: t(locale, `fact-third-party-${thirdParty}`) })}`,
    t(locale, "mydata-rights"),
    t(locale, "fact-appeal"),
  ].join("\n");
}

/**
 * /mydata's records (consents, bookings), the offer of the rest, and the processing facts as the first
 * of its buttons answers them (`myDataInFull` presses it).
 */
export function myDataDetails(locale: Locale, details: { consents: string[]; bookings: string[]; processing: string }): Reply[] {
  return [
    {
      text: [
        [t(locale, "mydata-consents-heading"), ...details.consents].join("\n"),
        [t(locale, "mydata-bookings-heading"), ...(details.bookings.length > 0 ? details.bookings : [t(locale, "mydata-bookings-none")])].join("\n"),
      ].join("\n\n"),
    },
    myDataMore(locale),
    { text: details.processing },
  ];
}

/** The last message of /mydata: how the data is processed and the file, each on its button. */
export function myDataMore(locale: Locale): Reply {
  return { text: t(locale, "mydata-more"), buttons: [[t(locale, "button-mydata-processing")], [t(locale, "button-mydata-file")]] };
}

/** /mydata with both of its buttons pressed: everything, the processing facts, then the file. */
export async function myDataInFull(chat: TestChat, locale: Locale = "ru"): Promise<Reply[]> {
  const overview = await chat.send("/mydata");
  const processing = await chat.press(t(locale, "button-mydata-processing"));
  const file = await chat.press(t(locale, "button-mydata-file"));
  return [...overview, ...processing, ...file];
}

// ---------------------------------------------------------------------------------------------
// /edit
// ---------------------------------------------------------------------------------------------

/** The correction dialogue in one language: its own Cancel, the booking's questions under it. */
function editReplies(locale: Locale) {
  const cancel = t(locale, "edit-button-cancel");
  const nav = [t(locale, "button-back"), cancel];
  const fields = [t(locale, "button-change-name"), t(locale, "button-change-phone"), t(locale, "button-change-iin")];
  return {
    nothing: { text: t(locale, "edit-nothing"), removesKeyboard: true } as Reply,
    askPerson: (names: string[]): Reply => ({ text: t(locale, "edit-ask-person"), buttons: [...names.map((name) => [name]), [cancel]] }),
    askField: (person: { name: string; iin: string; phone: string }, options: { back: boolean } = { back: false }): Reply => ({
      text: t(locale, "edit-ask-field", person),
      buttons: [fields, options.back ? nav : [cancel]],
    }),
    askNameSelf: { text: t(locale, "ask-name-self"), buttons: [nav] } as Reply,
    askIinSelf: { text: t(locale, "ask-iin-self"), buttons: [nav] } as Reply,
    askIinOther: { text: t(locale, "ask-iin-other"), buttons: [nav] } as Reply,
    askRepresentative: { text: t(locale, "ask-representative"), buttons: [[t(locale, "button-representative-yes")], [t(locale, "button-representative-no")], nav] } as Reply,
    askPhone: { text: t(locale, "ask-phone"), buttons: [[`[contact] ${t(locale, "button-share-phone")}`], nav] } as Reply,
    phoneReceived: (phone: string): Reply => ({ text: t(locale, "edit-phone-received", { phone }), removesKeyboard: true }),
    /** `field` names the button of the field ("name", "phone", "iin"). */
    confirm: (name: string, field: "name" | "phone" | "iin", from: string, to: string): Reply => ({
      text: t(locale, "edit-confirm", { name, field: t(locale, `button-change-${field}`), old: from, new: to }),
      buttons: [[t(locale, "button-save")], nav],
    }),
    saved: (count: number): Reply => ({ text: t(locale, "edit-saved", { count }), removesKeyboard: true }),
    sameValue: { text: t(locale, "edit-same-value") } as Reply,
    minorSelf: { text: t(locale, "edit-iin-error-minor-self") } as Reply,
    otherPerson: { text: t(locale, "edit-iin-error-other-person") } as Reply,
    cancelled: { text: t(locale, "edit-cancelled"), removesKeyboard: true } as Reply,
    busy: { text: t(locale, "edit-command-during") } as Reply,
    personGone: { text: t(locale, "edit-person-gone"), removesKeyboard: true } as Reply,
    blocked: { text: t(locale, "processing-blocked"), removesKeyboard: true } as Reply,
  };
}

export const E = editReplies("ru");
export const EK = editReplies("kk");
