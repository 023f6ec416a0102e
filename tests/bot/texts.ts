/**
 * Every text the tests expect from the bot, written out literally (from locales/ru.ftl and
 * locales/kk.ftl as the bot renders them), so that any change of wording is noticed by a test.
 */
import type { Reply } from "../support/harness";

// ---------------------------------------------------------------------------------------------
// Shared by both languages
// ---------------------------------------------------------------------------------------------

export const WELCOME_CHOOSE_LANGUAGE: Reply = {
  text:
    "Сәлеметсіз бе! Здравствуйте!\n" +
    "Это бот записи на приём проекта «Мүмкіндік» (Корпоративный фонд «BI-Жұлдызай»).\n" +
    "Тілді таңдаңыз / Выберите язык:",
  buttons: [["Қазақша", "Русский"]],
};

export const CLINIC_PHONE = "+77272550101";
export const ADDRESS_RU = "г. Алматы, Бостандыкский район, ул. Сатпаева, 90/1, 1 этаж (вход со двора, есть пандус)";
export const ADDRESS_KK = "Алматы қ., Бостандық ауданы, Сәтбаев көшесі, 90/1, 1-қабат (кіреберіс аулада, пандус бар)";
export const AUTHORIZED_BODY_RU = "Министерство искусственного интеллекта и цифрового развития Республики Казахстан";
export const AUTHORIZED_BODY_KK = "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі";

// ---------------------------------------------------------------------------------------------
// Russian
// ---------------------------------------------------------------------------------------------

const NAV_RU = ["← Назад", "✖ Отменить запись"];

export const RU = {
  welcome: "Здравствуйте! Здесь можно записаться на приём в проекте «Мүмкіндік».",
  policyHeading: "Политика конфиденциальности, версия 1.0, действует с 25.11.2026.",
  policySummary:
    "Кратко:\n" +
    "• Для записи мы собираем ИИН, ФИО и телефон того, кто придёт на приём, и выбранные услуги и врачей.\n" +
    "• Данные нужны для записи, управления ею, уведомлений и соблюдения закона; хранятся в зашифрованном виде в Казахстане.\n" +
    "• Третьим лицам данные передаются только с вашего отдельного явного согласия.\n" +
    "• Вы можете узнать, какие данные о вас хранятся, исправить, заблокировать или удалить их и отозвать согласие; вы вправе обратиться в уполномоченный орган по защите персональных данных.\n" +
    "Полный текст — по кнопке ниже.",
  consentQuestion: "Вы согласны на обработку персональных данных на условиях этой политики?",
  consentDeclined:
    "Понимаю. Без согласия на обработку данных записать вас нельзя: для записи нужны ИИН, ФИО и телефон. Мы ничего о вас не сохранили.\n" +
    "Если передумаете, отправьте /start.",
  thirdPartyQuestion:
    "Ещё один, отдельный вопрос (п. 7 политики). Согласны ли вы, чтобы ваши данные при необходимости передавались третьим лицам — например, партнёрской клинике, если услугу оказывает она?\n" +
    "Это необязательно: запись возможна и без этого согласия.",
  thirdPartyGranted: "Спасибо, ваш ответ записан.",
  thirdPartyDeclined: "Хорошо, третьим лицам ваши данные передаваться не будут.",
  iinErrorFormat: "ИИН состоит ровно из 12 цифр. Проверьте, пожалуйста, и введите ещё раз.",
  iinErrorCentury: "В ИИН седьмая цифра должна быть от 1 до 6. Проверьте, пожалуйста, номер.",
  iinErrorDate: "Первые шесть цифр ИИН — дата рождения (ГГММДД), а здесь такой даты нет. Проверьте, пожалуйста, номер.",
  iinErrorFuture: "Дата рождения в этом ИИН ещё не наступила. Проверьте, пожалуйста, номер.",
  iinErrorChecksum: "Похоже, в ИИН опечатка: не сходится контрольная цифра. Проверьте номер и введите ещё раз.",
  iinErrorMinorSelf:
    "По этому ИИН человеку нет 18 лет. Несовершеннолетнего записывает родитель или законный представитель: нажмите «Назад» и выберите «Другой человек».",
  nameErrorCharacters: "В ФИО могут быть только буквы (кириллица или латиница), пробел, дефис и апостроф. Введите, пожалуйста, ещё раз.",
  nameErrorMixedScript: "В одном слове смешаны русские и латинские буквы. Наберите, пожалуйста, каждое слово одной раскладкой.",
  nameErrorWordCount: "Нужно от двух до четырёх слов: фамилия, имя и, если есть, отчество.",
  nameErrorLength: "ФИО получилось слишком коротким или слишком длинным. Проверьте, пожалуйста.",
  phoneErrorFormat: "Это не похоже на номер телефона. Напишите, например: +7 701 234 56 78 или 8 701 234 56 78.",
  phoneErrorCountry: "Нужен казахстанский мобильный номер (+7 7xx …). Этот номер не казахстанский.",
  phoneErrorNotMobile: "Это не мобильный номер. Укажите, пожалуйста, мобильный: +7 7xx …",
  slotTaken: "К сожалению, это время только что занял другой человек.",
  bookingCancelled: "Запись прервана, черновик удалён. Чтобы начать заново, отправьте /book.",
  nothingToCancel: "Сейчас нечего прерывать. Чтобы отменить уже сделанную запись, откройте /appointments.",
  buttonOutdated: "Эта кнопка уже не действует.",
  answerTextPlease: "Пожалуйста, ответьте текстом.",
  answerUseButtons: "Пожалуйста, выберите вариант кнопкой под сообщением.",
  commandDuringDialogue: "Сейчас идёт запись. Ответьте, пожалуйста, на вопрос ниже или отправьте /cancel, чтобы прервать её.",
  appointmentsNone: "У вас нет предстоящих записей. Записаться: /book",
  appointmentKept: "Хорошо, запись остаётся в силе.",
  appointmentNotFound: "Эта запись не найдена среди ваших предстоящих записей.",
  appointmentAlreadyCancelled: "Эта запись уже отменена.",
  fallback: "Я вас не совсем понял. Чтобы записаться, отправьте /book; справка — /help.",
  unknownCommand: "Такой команды нет. Список команд — /help.",
  chooseLanguage: "Выберите язык:",
  languageChanged: "Готово, теперь я говорю по-русски.",
  help:
    "Этот бот записывает на приём в проекте «Мүмкіндік». Его ведёт Корпоративный фонд «BI-Жұлдызай».\n" +
    "Медицинский кабинет проекта «Мүмкіндік» фонда «BI-Жұлдызай»\n" +
    `Адрес: ${ADDRESS_RU}\n` +
    "Телефон: +77272550101\n" +
    "\n" +
    "Команды:\n" +
    "/book — записаться на приём\n" +
    "/appointments — мои записи (посмотреть, отменить)\n" +
    "/cancel — прервать текущую запись или исправление данных\n" +
    "/policy — политика конфиденциальности\n" +
    "/mydata — какие данные о вас хранятся (и файл с копией)\n" +
    "/edit — исправить ФИО, телефон или ИИН\n" +
    "/block — приостановить обработку данных или снять блокировку\n" +
    "/delete — удалить все ваши данные\n" +
    "/withdraw — отозвать согласие на обработку данных\n" +
    "/lang — сменить язык\n" +
    "/help — эта справка\n" +
    "\n" +
    "Вопросы о ваших персональных данных можно задать фонду по телефону выше. Вы также вправе обратиться в уполномоченный орган по защите персональных данных — Министерство искусственного интеллекта и цифрового развития Республики Казахстан.",
};

/** Replies (text plus keyboard) of the Russian dialogue. */
export const R = {
  welcome: { text: RU.welcome } as Reply,
  policyWithConsent: {
    text: `${RU.policyHeading}\n\n${RU.policySummary}`,
    buttons: [["📄 Читать полностью"], ["✅ Согласен(на)"], ["❌ Не согласен(на)"]],
  } as Reply,
  policyOnly: { text: `${RU.policyHeading}\n\n${RU.policySummary}`, buttons: [["📄 Читать полностью"]] } as Reply,
  consentQuestion: { text: RU.consentQuestion, buttons: [["✅ Согласен(на)"], ["❌ Не согласен(на)"]] } as Reply,
  consentDeclined: { text: RU.consentDeclined, removesKeyboard: true } as Reply,
  thirdParty: { text: RU.thirdPartyQuestion, buttons: [["Да, согласен(на)"], ["Нет, не передавать"]] } as Reply,
  thirdPartyGranted: { text: RU.thirdPartyGranted } as Reply,
  thirdPartyDeclined: { text: RU.thirdPartyDeclined } as Reply,
  askWho: {
    text: "Кто придёт на приём?",
    buttons: [["Я сам(а)"], ["Другой человек (например, мой ребёнок)"], ["✖ Отменить запись"]],
  } as Reply,
  askIinSelf: { text: "Введите ваш ИИН — 12 цифр (пробелы и дефисы можно).", buttons: [NAV_RU] } as Reply,
  askIinOther: {
    text: "Введите ИИН человека, который придёт на приём, — 12 цифр (пробелы и дефисы можно).",
    buttons: [NAV_RU],
  } as Reply,
  askRepresentative: {
    text:
      "Этому человеку нет 18 лет. Записать его может только родитель или законный представитель. Подтвердите, пожалуйста, что это вы.",
    buttons: [["Да, я родитель / законный представитель"], NAV_RU],
  } as Reply,
  askNameSelf: {
    text: "Введите ваши фамилию, имя и отчество (если есть), например: Сейтқали Айгерім Нұрланқызы.",
    buttons: [NAV_RU],
  } as Reply,
  askNameOther: {
    text: "Введите фамилию, имя и отчество (если есть) человека, который придёт на приём.",
    buttons: [NAV_RU],
  } as Reply,
  askPhone: {
    text: "Укажите номер мобильного телефона для связи, например +7 701 234 56 78.",
    buttons: [["[contact] 📱 Поделиться номером"], NAV_RU],
  } as Reply,
  phoneSaved: (phone: string): Reply => ({ text: `Номер ${phone} записан.`, removesKeyboard: true }),
  askService: {
    text: "Выберите услугу:",
    buttons: [
      ["Консультация педиатра"],
      ["Консультация невролога"],
      ["Занятие с логопедом"],
      ["Лечебная физкультура (ЛФК)"],
      ["Консультация психолога"],
      ["УЗИ (ультразвуковое исследование)"],
      NAV_RU,
    ],
  } as Reply,
  askDoctorPediatrician: {
    text: "Выберите врача:",
    buttons: [
      ["Ахметова Айгуль Серикбаевна — Врач-педиатр"],
      ["Садыкова Гульнара Ержановна — Врач ультразвуковой диагностики, педиатр"],
      NAV_RU,
    ],
  } as Reply,
  askDoctorNeurologist: { text: "Выберите врача:", buttons: [["Нурланов Ерлан Болатович — Врач-невролог"], NAV_RU] } as Reply,
  /** Ахметова (and Садыкова, who also works every weekday and Saturday) from Tue 1 Dec 2026 08:00. */
  askDayAkhmetova: {
    text: "Выберите день (показаны дни со свободным временем в ближайшие 2 недели):",
    buttons: [
      ["вт, 1 декабря", "ср, 2 декабря"],
      ["чт, 3 декабря", "пт, 4 декабря"],
      ["сб, 5 декабря", "пн, 7 декабря"],
      ["вт, 8 декабря", "ср, 9 декабря"],
      ["чт, 10 декабря", "пт, 11 декабря"],
      ["сб, 12 декабря", "пн, 14 декабря"],
      NAV_RU,
    ],
  } as Reply,
  askDayNurlanov: {
    text: "Выберите день (показаны дни со свободным временем в ближайшие 2 недели):",
    buttons: [["ср, 2 декабря", "пт, 4 декабря"], ["пн, 7 декабря", "ср, 9 декабря"], ["пт, 11 декабря", "пн, 14 декабря"], NAV_RU],
  } as Reply,
  /** Ахметова works 14:00–18:00 on Wednesdays, 30-minute slots. */
  askTimeAkhmetovaWed2: {
    text: "Свободное время на ср, 2 декабря:",
    buttons: [["14:00", "14:30", "15:00", "15:30"], ["16:00", "16:30", "17:00", "17:30"], NAV_RU],
  } as Reply,
  askTimeAkhmetovaThu3: {
    text: "Свободное время на чт, 3 декабря:",
    buttons: [["09:00", "09:30", "10:00", "10:30"], ["11:00", "11:30", "12:00", "12:30"], NAV_RU],
  } as Reply,
  askTimeNurlanovWed2: {
    text: "Свободное время на ср, 2 декабря:",
    buttons: [["14:00", "14:40", "15:20", "16:00"], ["16:40", "17:20"], NAV_RU],
  } as Reply,
  askChange: {
    text: "Что изменить?",
    buttons: [["Кто придёт", "ИИН"], ["ФИО", "Телефон"], ["Услугу", "Врача"], ["День и время"], ["← Назад"]],
  } as Reply,
  slotTaken: { text: RU.slotTaken } as Reply,
  bookingCancelled: { text: RU.bookingCancelled, removesKeyboard: true } as Reply,
  nothingToCancel: { text: RU.nothingToCancel } as Reply,
  answerTextPlease: { text: RU.answerTextPlease } as Reply,
  answerUseButtons: { text: RU.answerUseButtons } as Reply,
  commandDuringDialogue: { text: RU.commandDuringDialogue } as Reply,
  help: { text: RU.help } as Reply,
  chooseLanguage: { text: RU.chooseLanguage, buttons: [["Қазақша", "Русский"]] } as Reply,
};

export interface SummaryFacts {
  relation: "вы сами" | "другой человек";
  name: string;
  iin: string;
  phone: string;
  service: string;
  doctor: string;
  when: string;
}

export function ruSummary(facts: SummaryFacts): Reply {
  return {
    text:
      "Проверьте, пожалуйста:\n" +
      `Кто придёт: ${facts.relation}\n` +
      `ФИО: ${facts.name}\n` +
      `ИИН: ${facts.iin}\n` +
      `Телефон: ${facts.phone}\n` +
      `Услуга: ${facts.service}\n` +
      `Врач: ${facts.doctor}\n` +
      `Когда: ${facts.when}\n` +
      `Адрес: ${ADDRESS_RU}`,
    buttons: [["✅ Подтвердить"], ["✏️ Изменить"], NAV_RU],
  };
}

export interface BookedFacts {
  number: string;
  date: string;
  time: string;
  service: string;
  doctor: string;
}

export function ruBooked(facts: BookedFacts): Reply {
  return {
    text:
      `Вы записаны! Номер записи: ${facts.number}\n` +
      `${facts.date} в ${facts.time}\n` +
      `${facts.service}, врач ${facts.doctor}\n` +
      `Адрес: ${ADDRESS_RU}\n` +
      "Посмотреть или отменить запись: /appointments",
  };
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
}

export function staffBooked(facts: StaffFacts): string {
  return (
    `🆕 Новая запись ${facts.number} (Telegram)\n` +
    `Услуга: ${facts.service}\n` +
    `Врач: ${facts.doctor}\n` +
    `Время: ${facts.date} ${facts.time}\n` +
    `Пациент: ${facts.patient}\n` +
    `Телефон: ${facts.phone}\n` +
    `ИИН: ${facts.iin}`
  );
}

export function staffCancelled(facts: StaffFacts): string {
  return (
    `❌ Запись ${facts.number} отменена пациентом (Telegram)\n` +
    `Услуга: ${facts.service}\n` +
    `Врач: ${facts.doctor}\n` +
    `Время: ${facts.date} ${facts.time}\n` +
    `Пациент: ${facts.patient}\n` +
    `Телефон: ${facts.phone}\n` +
    `ИИН: ${facts.iin}`
  );
}

/** A booking cancelled by an erasure or a withdrawal: the time is free, whose it was is not said. */
export function staffErased(facts: StaffFacts): string {
  return (
    `❌ Запись ${facts.number} отменена: пациент удалил свои данные или отозвал согласие (Telegram)\n` +
    `Услуга: ${facts.service}\n` +
    `Врач: ${facts.doctor}\n` +
    `Время: ${facts.date} ${facts.time}`
  );
}

export function ruAppointmentItem(facts: { number: string; date: string; time: string; service: string; doctor: string; patient: string }): string {
  return `№ ${facts.number}: ${facts.date} в ${facts.time}\n${facts.service}, врач ${facts.doctor}\nПациент: ${facts.patient}`;
}

// ---------------------------------------------------------------------------------------------
// Kazakh
// ---------------------------------------------------------------------------------------------

const NAV_KK = ["← Артқа", "✖ Жазылуды тоқтату"];

export const KK = {
  welcome: "Сәлеметсіз бе! Мұнда «Мүмкіндік» жобасы аясында қабылдауға жазылуға болады.",
  policyHeading: "Құпиялылық саясаты, 1.0 нұсқасы, күшіне енген күні: 25.11.2026.",
  policySummary:
    "Қысқаша:\n" +
    "• Жазылу үшін біз қабылдауға келетін адамның ЖСН, Т.А.Ә. және телефон нөмірін, сондай-ақ таңдалған қызметтер мен дәрігерлер туралы деректерді жинаймыз.\n" +
    "• Деректер жазылу, оны басқару, хабарламалар жіберу және заңнаманы сақтау үшін қажет; олар Қазақстанда шифрланған түрде сақталады.\n" +
    "• Деректер үшінші тұлғаларға тек сіздің бөлек, айқын келісіміңізбен ғана беріледі.\n" +
    "• Сіз өзіңіз туралы қандай деректер сақталғанын біле аласыз, оларды түзетуді, бұғаттауды немесе жоюды талап етіп, келісімді кері қайтарып ала аласыз; дербес деректерді қорғау саласындағы уәкілетті органға жүгінуге құқығыңыз бар.\n" +
    "Толық мәтінді төмендегі батырма арқылы оқыңыз.",
  consentQuestion: "Осы саясаттың шарттары бойынша дербес деректеріңізді өңдеуге келісесіз бе?",
  thirdPartyQuestion:
    "Тағы бір, бөлек сұрақ (саясаттың 7-тармағы). Қажет болған жағдайда деректеріңіздің үшінші тұлғаларға берілуіне келісесіз бе — мысалы, қызметті серіктес клиника көрсететін болса, сол клиникаға?\n" +
    "Бұл міндетті емес: бұл келісімсіз де жазылуға болады.",
  languageChanged: "Дайын, енді мен қазақша сөйлеймін.",
  chooseLanguage: "Тілді таңдаңыз:",
  commandDuringDialogue: "Қазір жазылу жүріп жатыр. Төмендегі сұраққа жауап беріңізші немесе жазылуды тоқтату үшін /cancel жіберіңіз.",
  help:
    "Бұл бот «Мүмкіндік» жобасы аясында қабылдауға жазады. Оны «BI-Жұлдызай» корпоративтік қоры жүргізеді.\n" +
    "«BI-Жұлдызай» қорының «Мүмкіндік» жобасы медициналық кабинеті\n" +
    `Мекенжай: ${ADDRESS_KK}\n` +
    "Телефон: +77272550101\n" +
    "\n" +
    "Командалар:\n" +
    "/book — қабылдауға жазылу\n" +
    "/appointments — менің жазылуларым (көру, болдырмау)\n" +
    "/cancel — ағымдағы жазылуды немесе түзетуді тоқтату\n" +
    "/policy — құпиялылық саясаты\n" +
    "/mydata — сіз туралы қандай деректер сақталғаны (және көшірме файлы)\n" +
    "/edit — Т.А.Ә., телефонды немесе ЖСН-ді түзету\n" +
    "/block — деректерді өңдеуді тоқтата тұру немесе бұғаттауды алу\n" +
    "/delete — барлық деректеріңізді жою\n" +
    "/withdraw — деректерді өңдеуге келісімді кері қайтарып алу\n" +
    "/lang — тілді ауыстыру\n" +
    "/help — осы анықтама\n" +
    "\n" +
    "Дербес деректеріңізге қатысты сұрақтарды қорға жоғарыдағы телефон арқылы қоюға болады. Сондай-ақ сіз дербес деректерді қорғау саласындағы уәкілетті органға жүгінуге құқылысыз — Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі.",
};

export const K = {
  welcome: { text: KK.welcome } as Reply,
  policyWithConsent: {
    text: `${KK.policyHeading}\n\n${KK.policySummary}`,
    buttons: [["📄 Толық оқу"], ["✅ Келісемін"], ["❌ Келіспеймін"]],
  } as Reply,
  policyOnly: { text: `${KK.policyHeading}\n\n${KK.policySummary}`, buttons: [["📄 Толық оқу"]] } as Reply,
  consentQuestion: { text: KK.consentQuestion, buttons: [["✅ Келісемін"], ["❌ Келіспеймін"]] } as Reply,
  thirdParty: { text: KK.thirdPartyQuestion, buttons: [["Иә, келісемін"], ["Жоқ, бермеңіз"]] } as Reply,
  thirdPartyGranted: { text: "Рақмет, жауабыңыз сақталды." } as Reply,
  thirdPartyDeclined: { text: "Жақсы, деректеріңіз үшінші тұлғаларға берілмейді." } as Reply,
  askWho: {
    text: "Қабылдауға кім келеді?",
    buttons: [["Өзім"], ["Басқа адам (мысалы, балам)"], ["✖ Жазылуды тоқтату"]],
  } as Reply,
  askIinSelf: { text: "ЖСН-іңізді енгізіңіз — 12 цифр (бос орын мен дефис қоюға болады).", buttons: [NAV_KK] } as Reply,
  askIinOther: {
    text: "Қабылдауға келетін адамның ЖСН-ін енгізіңіз — 12 цифр (бос орын мен дефис қоюға болады).",
    buttons: [NAV_KK],
  } as Reply,
  askRepresentative: {
    text:
      "Бұл адам әлі 18 жасқа толмаған. Оны тек ата-анасы немесе заңды өкілі ғана жаза алады. Осы адамның ата-анасы немесе заңды өкілі сіз екеніңізді растаңызшы.",
    buttons: [["Иә, мен ата-анасымын / заңды өкілімін"], NAV_KK],
  } as Reply,
  askNameSelf: {
    text: "Тегіңізді, атыңызды және әкеңіздің атын (бар болса) енгізіңіз, мысалы: Сейтқали Айгерім Нұрланқызы.",
    buttons: [NAV_KK],
  } as Reply,
  askNameOther: {
    text: "Қабылдауға келетін адамның тегін, атын және әкесінің атын (бар болса) енгізіңіз.",
    buttons: [NAV_KK],
  } as Reply,
  askPhone: {
    text: "Байланыс үшін ұялы телефон нөміріңізді көрсетіңіз, мысалы +7 701 234 56 78.",
    buttons: [["[contact] 📱 Нөмірмен бөлісу"], NAV_KK],
  } as Reply,
  phoneSaved: (phone: string): Reply => ({ text: `${phone} нөмірі сақталды.`, removesKeyboard: true }),
  askService: {
    text: "Қызметті таңдаңыз:",
    buttons: [
      ["Педиатр кеңесі"],
      ["Невролог кеңесі"],
      ["Логопедпен сабақ"],
      ["Емдік дене шынықтыру (ЕДШ)"],
      ["Психолог кеңесі"],
      ["УДЗ (ультрадыбыстық зерттеу)"],
      NAV_KK,
    ],
  } as Reply,
  askDoctorPediatrician: {
    text: "Дәрігерді таңдаңыз:",
    buttons: [
      ["Ахметова Айгүл Серікбайқызы — Педиатр дәрігер"],
      ["Садықова Гүлнар Ержанқызы — Ультрадыбыстық диагностика дәрігері, педиатр"],
      NAV_KK,
    ],
  } as Reply,
  askDayAkhmetova: {
    text: "Күнді таңдаңыз (алдағы 2 аптада бос уақыты бар күндер көрсетілген):",
    buttons: [
      ["сс, 1 желтоқсан", "ср, 2 желтоқсан"],
      ["бс, 3 желтоқсан", "жм, 4 желтоқсан"],
      ["сб, 5 желтоқсан", "дс, 7 желтоқсан"],
      ["сс, 8 желтоқсан", "ср, 9 желтоқсан"],
      ["бс, 10 желтоқсан", "жм, 11 желтоқсан"],
      ["сб, 12 желтоқсан", "дс, 14 желтоқсан"],
      NAV_KK,
    ],
  } as Reply,
  askTimeAkhmetovaWed2: {
    text: "Бос уақыт (ср, 2 желтоқсан):",
    buttons: [["14:00", "14:30", "15:00", "15:30"], ["16:00", "16:30", "17:00", "17:30"], NAV_KK],
  } as Reply,
  commandDuringDialogue: { text: KK.commandDuringDialogue } as Reply,
  help: { text: KK.help } as Reply,
};

export function kkSummary(facts: { relation: "өзіңіз" | "басқа адам"; name: string; iin: string; phone: string; service: string; doctor: string; when: string }): Reply {
  return {
    text:
      "Тексеріңізші:\n" +
      `Кім келеді: ${facts.relation}\n` +
      `Т.А.Ә.: ${facts.name}\n` +
      `ЖСН: ${facts.iin}\n` +
      `Телефон: ${facts.phone}\n` +
      `Қызмет: ${facts.service}\n` +
      `Дәрігер: ${facts.doctor}\n` +
      `Қашан: ${facts.when}\n` +
      `Мекенжай: ${ADDRESS_KK}`,
    buttons: [["✅ Растау"], ["✏️ Өзгерту"], NAV_KK],
  };
}

export function kkBooked(facts: BookedFacts): Reply {
  return {
    text:
      `Сіз жазылдыңыз! Жазылу нөмірі: ${facts.number}\n` +
      `${facts.date}, сағат ${facts.time}\n` +
      `${facts.service}, дәрігер ${facts.doctor}\n` +
      `Мекенжай: ${ADDRESS_KK}\n` +
      "Жазылуды көру немесе болдырмау: /appointments",
  };
}
