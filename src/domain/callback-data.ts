import { STAFF_CANCEL_REASONS } from "./booking-status";
import { LOCALES } from "./locale";
import { POLICY_VERSION_PATTERN } from "./policy";

/**
 * The data of every inline button the bot sends, defined once: each kind below both builds its data
 * and reads it back, so no feature, dialogue or job formats or parses callback strings by hand.
 *
 * These strings are a wire format. Messages with buttons stay in people's chats across deploys and are
 * pressed days later, so a kind's format never changes once shipped; a new format is a new kind.
 */

/** A button without values: its data is one fixed string. */
export interface FixedData {
  readonly data: string;
  /** Whether the pressed button is this one. */
  is(data: string | undefined): boolean;
}

/** A kind of button whose data carries values: a booking id, a policy version, an answer. */
export interface CallbackData<T> {
  /** Matches exactly this kind's data: the trigger for grammY's `callbackQuery`. */
  readonly trigger: RegExp;
  pack(values: T): string;
  /** The values, or undefined when the data is another kind's (another button, an old or forged one). */
  read(data: string | undefined): T | undefined;
  /** The values of data that `trigger` matched; anything else is a bug in the caller. */
  unpack(data: string): T;
}

/** One value inside callback data: the text it may be, as a regular expression without anchors. */
interface Field<T extends string> {
  readonly pattern: string;
  /** Carries the value's type only; never set. */
  readonly type?: T;
}

type Values<F extends Record<string, Field<string>>> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** Telegram refuses a button whose callback data is longer than 64 bytes. */
const CALLBACK_DATA_LIMIT = 64;

/** An id made by the bot or the catalogue. Any text is read back: a stale or forged id simply finds nothing. */
const id: Field<string> = { pattern: ".+" };

const version: Field<string> = { pattern: POLICY_VERSION_PATTERN.source.replace(/^\^|\$$/g, "") };

function oneOf<const V extends string>(...values: readonly V[]): Field<V> {
  return { pattern: `(?:${values.map(escapeRegExp).join("|")})` };
}

const yesOrNo = oneOf("yes", "no");
const locale = oneOf(...LOCALES);

function fixed(data: string): FixedData {
  return { data, is: (pressed) => pressed === data };
}

/** `prefix:value1:value2…`, the fields in the order given. */
function withFields<const F extends Record<string, Field<string>>>(prefix: string, fields: F): CallbackData<Values<F>> {
  const names = Object.keys(fields) as (keyof F & string)[];
  const patterns = Object.values(fields).map((field) => `:(${field.pattern})`);
  const trigger = new RegExp(`^${escapeRegExp(prefix)}${patterns.join("")}$`);
  const read = (data: string | undefined): Values<F> | undefined => {
    const match = data === undefined ? null : trigger.exec(data);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, match[index + 1]])) as Values<F>;
  };
  return {
    trigger,
    read,
    pack(values) {
      const data = [prefix, ...names.map((name) => values[name])].join(":");
      if (!trigger.test(data)) throw new Error(`Callback data "${data}" does not read back as a "${prefix}" button: check the values given to pack()`);
      if (new TextEncoder().encode(data).length > CALLBACK_DATA_LIMIT) {
        throw new Error(`Callback data "${data}" is longer than Telegram's ${CALLBACK_DATA_LIMIT} bytes: shorten the prefix or the ids`);
      }
      return data;
    },
    unpack(data) {
      const values = read(data);
      if (!values) throw new Error(`"${data}" is not a "${prefix}" button: register the handler with this kind's trigger`);
      return values;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Every dialogue step's keyboard.
export const backData = fixed("nav:back");
export const cancelData = fixed("nav:cancel");
/** /book, /start or /appointments sent in the middle of a dialogue: go on with it, or leave it for that. */
export const dialogueContinueData = fixed("nav:continue");
export const LEAVE_FOR = ["book", "appointments"] as const;
export const dialogueLeaveData = withFields("nav:leave", { then: oneOf(...LEAVE_FOR) });

// The privacy policy (policy §1.2, §9).
export const policyTextData = fixed("policy:full");
/** The full text of one version, wherever the message with the button is shown. */
export const policyVersionTextData = withFields("policy:full", { version });
export const consentData = withFields("consent", { answer: yesOrNo });
/** Policy §7: the separate consent to transfer to third parties. */
export const thirdPartyData = withFields("third-party", { answer: yesOrNo });
/** Policy §9, outside the booking dialogue: the answer names the version it accepts or declines. */
export const policyUpdateData = withFields("policy-update", { answer: yesOrNo, version });

// The booking dialogue.
export const whoData = withFields("who", { relation: oneOf("self", "other") });
/** One of the people the account booked for before: their details are not asked again. */
export const savedPersonData = withFields("who-saved", { patientId: id });
/** With several specialists for a service: whoever has the earliest free time. */
export const anyDoctorData = fixed("doctor-any");
/** On the day question: the chosen specialist's earliest free time, without choosing a day first. */
export const earliestSlotData = withFields("slot-earliest", { slotId: id });
export const representativeData = fixed("representative:yes");
/** "I am not the parent or legal representative": what to do instead, and the IIN question again. */
export const notRepresentativeData = fixed("representative:no");
export const serviceData = withFields("service", { serviceId: id });
export const doctorData = withFields("doctor", { doctorId: id });
export const dayData = withFields("day", { day: id });
export const slotData = withFields("slot", { slotId: id });
export const otherDayData = fixed("alternatives:day");
export const summaryData = withFields("summary", { choice: oneOf("confirm", "change") });
/** The answer to "this service is meant for other ages: book it anyway?". */
export const serviceAgeData = withFields("service-age", { answer: yesOrNo });
/** What the summary's "Change" offers to change, in the order of its buttons. */
export const SUMMARY_CHANGES = ["who", "iin", "name", "phone", "service", "doctor", "day"] as const;
export const changeData = withFields("change", { step: oneOf(...SUMMARY_CHANGES) });

// The correction dialogue (/edit).
/** What /edit corrects, in the order of its buttons. */
export const CORRECTABLE_FIELDS = ["fullName", "phone", "iin"] as const;
export const correctPersonData = withFields("edit-person", { patientId: id });
export const correctFieldData = withFields("edit-field", { field: oneOf(...CORRECTABLE_FIELDS) });
export const saveCorrectionData = fixed("edit:save");

// /appointments.
export const cancelBookingData = withFields("booking-cancel", { bookingId: id });
export const confirmCancelBookingData = withFields("booking-cancel-yes", { bookingId: id });
export const keepBookingData = fixed("booking-keep");
/** A course in /appointments: cancel every session still ahead (asked first), or keep the course. */
export const cancelCourseRestData = withFields("course-cancel", { courseId: id });
export const confirmCancelCourseRestData = withFields("course-cancel-yes", { courseId: id });
export const keepCourseData = fixed("course-keep");
/** A course in /appointments: each of its sessions still ahead, to move or cancel any one. */
export const courseSessionsData = withFields("course-sessions", { courseId: id });
/** "Move" under a booking in /appointments or under its reminder: opens moving that booking. */
export const moveBookingData = withFields("booking-move", { bookingId: id });
/** The move dialogue's confirmation of the new time. */
export const moveConfirmData = fixed("move-confirm");

// Reminders: "Cancel" under a reminder is /appointments' own cancelBookingData.
/** "I'll come": the booking is recorded as confirmed by the patient. */
export const reminderComeData = withFields("rem-come", { bookingId: id });

// The waiting list: an offer of a freed slot ("Take it", "No, thanks"), and leaving from /appointments.
export const takeOfferData = withFields("wl-take", { offerId: id });
export const declineOfferData = withFields("wl-no", { offerId: id });
export const leaveWaitlistData = withFields("wl-leave", { entryId: id });
/** In the booking dialogue: join the waiting list instead of choosing a day. */
export const joinWaitlistData = fixed("wl-join");
export const waitlistRangeData = withFields("wl-days", { days: oneOf("7", "14") });
export const waitlistScopeData = withFields("wl-scope", { scope: oneOf("doctor", "any") });

// The data rights (policy §8): each confirmation names the account it was offered to.
export const showIinData = withFields("mydata-iin", { patientId: id });
export const blockData = withFields("block", { accountId: id });
export const unblockData = withFields("unblock", { accountId: id });
/** "No" under /block and under lifting one's own block. */
export const declineBlockData = fixed("block-no");
export const deleteData = withFields("delete", { accountId: id });
export const declineDeleteData = fixed("delete-no");
export const withdrawData = withFields("withdraw", { accountId: id });
/** /mydata's "how the data is processed" and "the file with the complete copy", for the account shown. */
export const myDataProcessingData = withFields("mydata-processing", { accountId: id });
export const myDataFileData = withFields("mydata-file", { accountId: id });
export const declineWithdrawData = fixed("withdraw-no");

// The staff group: each button names the booking it acts on; the prefixes are short because a booking id
// is a 36-character UUID and Telegram's limit is 64 bytes.
export const staffVisitData = withFields("st-visit", { bookingId: id, outcome: oneOf("attended", "no_show") });
/** "Cancel": shows the reasons in place of the buttons; nothing is cancelled yet. */
export const staffCancelData = withFields("st-cancel", { bookingId: id });
export const staffCancelReasonData = withFields("st-why", { bookingId: id, reason: oneOf(...STAFF_CANCEL_REASONS) });
/** "Back" under the reasons: the alert's own buttons again. */
export const staffCardData = withFields("st-card", { bookingId: id });
export const staffIinData = withFields("st-iin", { bookingId: id });
/** Under a digest of several new bookings: posts that booking's own card, with its actions. */
export const staffOpenData = withFields("st-open", { bookingId: id });
/** An admin's answer to "record this absence?" in the staff group; the request waits under `token`. */
export const staffAbsenceData = withFields("st-absence", { answer: yesOrNo, token: id });

// The language: at the first /start, and /lang.
export const startLanguageData = withFields("start-language", { locale });
export const languageData = withFields("language", { locale });
