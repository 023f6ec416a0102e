/**
 * The booking dialogue as one table of expectations: what the patient does at each step and what the
 * bot must answer (texts and option labels, written out literally in tests/bot/texts.ts). Every
 * scenario runs on every channel, so a change to the dialogue is tested on Telegram and WhatsApp at
 * once.
 */
import type { Reply } from "../support/harness";
import { K, kkBooked, kkSummary, R, RU, ruBooked, ruSummary, staffBooked, WELCOME_CHOOSE_LANGUAGE, type StaffFacts } from "../bot/texts";
import { OWN_PHONE, seenOf, type Seen } from "./drivers";

export type Action = { choose: string } | { type: string } | { shareOwnPhone: true };

export interface Step {
  do: Action;
  expect: Seen[];
}

export interface Scenario {
  name: string;
  steps: Step[];
  /** The staff group's messages afterwards, "(Telegram)" standing for the channel's name. */
  staff?: string[];
}

const choose = (label: string, ...replies: (Reply | Seen)[]): Step => ({ do: { choose: label }, expect: replies.map(seen) });
const type = (text: string, ...replies: (Reply | Seen)[]): Step => ({ do: { type: text }, expect: replies.map(seen) });
const shareOwnPhone = (...replies: (Reply | Seen)[]): Step => ({ do: { shareOwnPhone: true }, expect: replies.map(seen) });
const said = (text: string): Seen => ({ text, options: [] });

function seen(reply: Reply | Seen): Seen {
  return "options" in reply ? reply : seenOf(reply);
}

// The phone question offers the patient's own number on both channels.
const ASK_PHONE_RU = { text: R.askPhone.text, options: [OWN_PHONE, "← Назад", "✖ Отменить запись"] };
const ASK_PHONE_KK = { text: K.askPhone.text, options: [OWN_PHONE, "← Артқа", "✖ Жазылуды тоқтату"] };

/** /start, Russian, consent, no third parties: the bot asks who is coming. */
const RUSSIAN_UP_TO_WHO: Step[] = [
  type("/start", WELCOME_CHOOSE_LANGUAGE),
  choose("Русский", R.welcome, R.policyWithConsent),
  choose("✅ Согласен(на)", R.thirdParty),
  choose("Нет, не передавать", R.thirdPartyDeclined, R.askWho),
];

const IVANOV_UP_TO_PHONE: Step[] = [
  ...RUSSIAN_UP_TO_WHO,
  choose("Я сам(а)", R.askIinSelf),
  type("9001 0130 0126", R.askNameSelf),
  type("Иванов Иван Иванович", ASK_PHONE_RU),
];

const IVANOV_SUMMARY = {
  relation: "вы сами",
  name: "Иванов Иван Иванович",
  iin: "9001******26",
  phone: "+7 701 234 56 78",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
  when: "ср, 2 декабря, 14:00",
} as const;

const IVANOV_FROM_SERVICE: Step[] = [
  choose("Консультация педиатра", R.askDoctorPediatrician),
  choose("Ахметова Айгуль Серикбаевна — Врач-педиатр", R.askDayAkhmetova),
  choose("ср, 2 декабря", R.askTimeAkhmetovaWed2),
  choose("14:00", ruSummary(IVANOV_SUMMARY)),
];

const IVANOV_BOOKED = ruBooked({ number: "B00001", date: "02.12.2026", time: "14:00", service: "Консультация педиатра", doctor: "Ахметова Айгуль Серикбаевна" });

const IVANOV_STAFF: StaffFacts = {
  number: "B00001",
  service: "Консультация педиатра",
  doctor: "Ахметова Айгуль Серикбаевна",
  date: "02.12.2026",
  time: "14:00",
  patient: "Иванов Иван Иванович",
  phone: "+7 701 234 56 78",
  iin: "9001******26",
};

export const SCENARIOS: Scenario[] = [
  {
    name: "a Russian-speaking man books himself with his own number, and the staff group is told",
    steps: [
      ...IVANOV_UP_TO_PHONE,
      shareOwnPhone(R.phoneSaved("+7 701 234 56 78"), R.askService),
      ...IVANOV_FROM_SERVICE,
      choose("✅ Подтвердить", IVANOV_BOOKED),
    ],
    staff: [staffBooked(IVANOV_STAFF)],
  },
  {
    name: "a Kazakh-speaking mother books her daughter in Kazakh with a typed number",
    steps: [
      type("/start", WELCOME_CHOOSE_LANGUAGE),
      choose("Қазақша", K.welcome, K.policyWithConsent),
      choose("✅ Келісемін", K.thirdParty),
      choose("Иә, келісемін", K.thirdPartyGranted, K.askWho),
      choose("Басқа адам (мысалы, балам)", K.askIinOther),
      type("150505600341", K.askRepresentative),
      choose("Иә, мен ата-анасымын / заңды өкілімін", K.askNameOther),
      type("Сейтқали Айгерім Нұрланқызы", ASK_PHONE_KK),
      type("8 701 234 56 78", K.phoneSaved("+7 701 234 56 78"), K.askService),
      choose("Педиатр кеңесі", K.askDoctorPediatrician),
      choose("Ахметова Айгүл Серікбайқызы — Педиатр дәрігер", K.askDayAkhmetova),
      choose("ср, 2 желтоқсан", K.askTimeAkhmetovaWed2),
      choose(
        "14:00",
        kkSummary({
          relation: "басқа адам",
          name: "Сейтқали Айгерім Нұрланқызы",
          iin: "1505******41",
          phone: "+7 701 234 56 78",
          service: "Педиатр кеңесі",
          doctor: "Ахметова Айгүл Серікбайқызы",
          when: "ср, 2 желтоқсан, 14:00",
        }),
      ),
      choose(
        "✅ Растау",
        kkBooked({ number: "B00001", date: "02.12.2026", time: "14:00", service: "Педиатр кеңесі", doctor: "Ахметова Айгүл Серікбайқызы" }),
      ),
    ],
    staff: [staffBooked({ ...IVANOV_STAFF, patient: "Сейтқали Айгерім Нұрланқызы", iin: "1505******41" })],
  },
  {
    name: "every kind of wrong IIN, name and phone is explained and asked again; the booking then completes",
    steps: [
      ...RUSSIAN_UP_TO_WHO,
      choose("Я сам(а)", R.askIinSelf),
      type("9001 0130 012", said(RU.iinErrorFormat), R.askIinSelf),
      type("90010130012O", said(RU.iinErrorFormat), R.askIinSelf),
      type("900101700126", said(RU.iinErrorCentury), R.askIinSelf),
      type("900230300126", said(RU.iinErrorDate), R.askIinSelf),
      type("261215500000", said(RU.iinErrorFuture), R.askIinSelf),
      type("900101300127", said(RU.iinErrorChecksum), R.askIinSelf),
      type("150505600341", said(RU.iinErrorMinorSelf), R.askIinSelf),
      type("12345", said(RU.iinErrorFormat), R.askIinSelf),
      type("900101-300126", R.askNameSelf),
      type("Иванов", said(RU.nameErrorWordCount), R.askNameSelf),
      type("Иванов Иван 3", said(RU.nameErrorCharacters), R.askNameSelf),
      type("Ивaнов Иван Иванович", said(RU.nameErrorMixedScript), R.askNameSelf),
      type("Иванов Иван Иванович", ASK_PHONE_RU),
      type("+7 912 345 67 89", said(RU.phoneErrorCountry), ASK_PHONE_RU),
      type("+7 727 255 01 01", said(RU.phoneErrorNotMobile), ASK_PHONE_RU),
      type("позвоните мне вечером", said(RU.phoneErrorFormat), ASK_PHONE_RU),
      type("8 701 234", said(RU.phoneErrorFormat), ASK_PHONE_RU),
      type("+7 701 234 56 78", R.phoneSaved("+7 701 234 56 78"), R.askService),
      ...IVANOV_FROM_SERVICE,
      choose("✅ Подтвердить", IVANOV_BOOKED),
    ],
    staff: [staffBooked(IVANOV_STAFF)],
  },
  {
    name: "'← Назад' returns to the previous question at every kind of step, and nothing given is lost",
    steps: [
      ...IVANOV_UP_TO_PHONE,
      choose("← Назад", R.askNameSelf),
      choose("← Назад", R.askIinSelf),
      choose("← Назад", R.askWho),
      choose("Я сам(а)", R.askIinSelf),
      type("9001 0130 0126", R.askNameSelf),
      type("Иванов Иван Иванович", ASK_PHONE_RU),
      shareOwnPhone(R.phoneSaved("+7 701 234 56 78"), R.askService),
      choose("Консультация педиатра", R.askDoctorPediatrician),
      choose("← Назад", R.askService),
      ...IVANOV_FROM_SERVICE,
      choose("✏️ Изменить", { text: R.askChange.text, options: ["Кто придёт", "ИИН", "ФИО", "Телефон", "Услугу", "Врача", "День и время", "← Назад"] }),
      choose("Телефон", ASK_PHONE_RU),
      type("+7 777 123 45 67", R.phoneSaved("+7 777 123 45 67"), ruSummary({ ...IVANOV_SUMMARY, phone: "+7 777 123 45 67" })),
      choose("✅ Подтвердить", IVANOV_BOOKED),
    ],
    staff: [staffBooked({ ...IVANOV_STAFF, phone: "+7 777 123 45 67" })],
  },
  {
    name: "/cancel midway drops the draft; the cancel option does too; /book starts afresh without asking consent again",
    steps: [
      ...IVANOV_UP_TO_PHONE,
      type("/cancel", R.bookingCancelled),
      type("/cancel", R.nothingToCancel),
      type("/book", R.askWho),
      choose("Я сам(а)", R.askIinSelf),
      type("/help", R.help, R.askIinSelf),
      choose("✖ Отменить запись", R.bookingCancelled),
      type("/book", R.askWho),
    ],
    staff: [],
  },
];

export function describeAction(action: Action): string {
  if ("choose" in action) return `chooses "${action.choose}"`;
  if ("type" in action) return `types "${action.type}"`;
  return "shares own number";
}
