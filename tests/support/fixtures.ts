/**
 * The world the tests live in: one moment, one staff group, one key, the example catalogue as the
 * patient sees it, and the people who book. Written out literally, so that a test notices when the
 * bot shows a name, a date or a number differently.
 */
import type { Locale } from "../../src/domain/locale";
import { EXAMPLE_CATALOG_PATH } from "../../src/paths";

/** Tuesday 1 December 2026, 08:00 in Almaty (UTC+5). */
export const DEFAULT_NOW = "2026-12-01T03:00:00.000Z";
export const ALMATY = "Asia/Almaty";
export const STAFF_CHAT_ID = -1001234567890;
export const TEST_KEY = new Uint8Array(32).fill(7);
export const CATALOG_PATH = EXAMPLE_CATALOG_PATH;

type InBoth = Record<Locale, string>;

/** data/catalog.example.json's clinic. */
export const CLINIC = {
  name: {
    ru: "Медицинский кабинет проекта «Мүмкіндік» фонда «BI-Жұлдызай»",
    kk: "«BI-Жұлдызай» қорының «Мүмкіндік» жобасы медициналық кабинеті",
  } satisfies InBoth,
  address: {
    ru: "г. Алматы, Бостандыкский район, ул. Сатпаева, 90/1, 1 этаж (вход со двора, есть пандус)",
    kk: "Алматы қ., Бостандық ауданы, Сәтбаев көшесі, 90/1, 1-қабат (кіреберіс аулада, пандус бар)",
  } satisfies InBoth,
  phone: "+77272550101",
  /** The clinic's phone as the bot writes it for people to dial. */
  phoneShown: "+7 727 255 01 01",
  mapUrl: "https://2gis.kz/almaty/search/%D0%A1%D0%B0%D1%82%D0%BF%D0%B0%D0%B5%D0%B2%D0%B0%2090%2F1",
};

/** The authorized body for personal data protection (Law 94-V), as the locale files name it. */
export const AUTHORIZED_BODY: InBoth = {
  ru: "Министерство искусственного интеллекта и цифрового развития Республики Казахстан",
  kk: "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі",
};

/** The catalogue's services, in the order the bot offers them. */
export const SERVICES = {
  pediatrician: { ru: "Консультация педиатра", kk: "Педиатр кеңесі" },
  neurologist: { ru: "Консультация невролога", kk: "Невролог кеңесі" },
  speechTherapist: { ru: "Занятие с логопедом", kk: "Логопедпен сабақ" },
  exerciseTherapy: { ru: "Лечебная физкультура (ЛФК)", kk: "Емдік дене шынықтыру (ЕДШ)" },
  psychologist: { ru: "Консультация психолога", kk: "Психолог кеңесі" },
  exerciseCourse: { ru: "Курс ЛФК (10 занятий)", kk: "ЕДШ курсы (10 сабақ)" },
  speechGroup: { ru: "Групповые занятия с логопедом", kk: "Логопедпен топтық сабақтар" },
  ultrasound: { ru: "УЗИ (ультразвуковое исследование)", kk: "УДЗ (ультрадыбыстық зерттеу)" },
} satisfies Record<string, InBoth>;

export interface Doctor {
  name: InBoth;
  specialty: InBoth;
}

/** The doctors the tests book with (the catalogue has more). */
export const DOCTORS = {
  /** Paediatrician: Wednesdays 14:00–18:00, other weekdays 09:00–13:00, Saturdays 09:00–12:00; 30-minute slots. */
  akhmetova: { name: { ru: "Ахметова Айгуль Серикбаевна", kk: "Ахметова Айгүл Серікбайқызы" }, specialty: { ru: "Врач-педиатр", kk: "Дәрігер-педиатр" } },
  /** Ultrasound and paediatrics: weekdays 08:00–12:00, Saturdays 09:00–11:00; 20-minute slots. */
  sadykova: {
    name: { ru: "Садыкова Гульнара Ержановна", kk: "Садықова Гүлнар Ержанқызы" },
    specialty: { ru: "Врач ультразвуковой диагностики, педиатр", kk: "Ультрадыбыстық диагностика дәрігері, педиатр" },
  },
  /** Neurologist: Mondays, Wednesdays and Fridays 14:00–18:00; 40-minute slots. */
  nurlanov: { name: { ru: "Нурланов Ерлан Болатович", kk: "Нұрланов Ерлан Болатұлы" }, specialty: { ru: "Врач-невролог", kk: "Дәрігер-невролог" } },
} satisfies Record<string, Doctor>;

/** A doctor's button in the doctor question: "name — specialty". */
export function doctorButton(doctor: Doctor, locale: Locale): string {
  return `${doctor.name[locale]} — ${doctor.specialty[locale]}`;
}

/** A person as the bot stores and shows them. */
export interface Person {
  name: string;
  iin: string;
  /** The IIN as the staff group and the summaries show it. */
  maskedIin: string;
}

/** Ivan books himself, his wife and his daughter. */
export const IVAN: Person = { name: "Иванов Иван Иванович", iin: "900101300126", maskedIin: "9001******26" };
export const MARIA: Person = { name: "Иванова Мария Петровна", iin: "881202400564", maskedIin: "8812******64" };
/** Born 5 May 2015: a minor, booked by a parent. */
export const ALIYA: Person = { name: "Иванова Алия Ивановна", iin: "150505600341", maskedIin: "1505******41" };
/** A stranger to Ivan's family. */
export const AIDAR: Person = { name: "Серіков Айдар", iin: "010203500771", maskedIin: "0102******71" };

/** Ivan's mobile, the number the family gives. */
export const PHONE = { e164: "+77012345678", shown: "+7 701 234 56 78" };

/** The person of the store tests, which work below the dialogue. */
export const STORE_PERSON = { iin: "900101300123", fullName: "Сәрсенбаева Әлия Қанатқызы", phone: "+77011234567" };
