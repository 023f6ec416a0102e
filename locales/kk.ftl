# Every text the bot shows, in Kazakh. ru.ftl holds the same keys in Russian; a test keeps them equal.

## Names kept in one place
-fund = «BI-Жұлдызай» корпоративтік қоры
-project = «Мүмкіндік»
# The authorized body for personal data protection (Law 94-V). Renamed in September 2025; change it here only.
-authorized-body = Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі

language-kk = Қазақша
language-ru = Русский

## Start and language
# Shown before a language is chosen, so it says the same in both languages (ru.ftl has the same text).
welcome-choose-language =
    Сәлеметсіз бе! Бұл бот арқылы { -project } жобасында маманның қабылдауына жазылуға, жазылуларыңызды көруге және олардан бас тартуға болады.
    Здравствуйте! Через этого бота можно записаться на приём к специалисту в проекте { -project }, посмотреть свои записи и отменить их.
    Тілді таңдаңыз / Выберите язык:
welcome = Сәлеметсіз бе! Мұнда { -project } жобасы аясында қабылдауға жазылуға болады.
choose-language = Тілді таңдаңыз:
language-changed = Жақсы, енді қазақша сөйлесеміз.

## Privacy policy and consent
policy-heading = Құпиялылық саясаты, { $version } нұсқасы, күшіне енген күні: { $date }.
policy-summary =
    Қысқаша:
    • Жазылу үшін біз қабылдауға келетін адамның ЖСН, Т.А.Ә. және телефон нөмірін, сондай-ақ таңдалған қызметтер мен мамандар туралы деректерді жинаймыз.
    • Деректер жазылу, оны басқару, хабарламалар жіберу және заңнаманы сақтау үшін қажет; олар Қазақстанда шифрланған түрде сақталады.
    • Деректер үшінші тұлғаларға тек сіздің бөлек, айқын келісіміңізбен ғана беріледі.
    • Сіз өзіңіз туралы қандай деректер сақталғанын біле аласыз, оларды түзетуді, бұғаттауды немесе жоюды талап етіп, келісімді кері қайтарып ала аласыз; дербес деректерді қорғау саласындағы уәкілетті органға жүгінуге құқығыңыз бар.
    Толық мәтінді төмендегі батырма арқылы оқыңыз.
button-policy-full = 📄 Толық оқу
button-consent-yes = ✅ Келісемін
button-consent-no = ❌ Келіспеймін
consent-question = Осы саясаттың шарттары бойынша дербес деректеріңізді өңдеуге келісесіз бе?
consent-declined =
    Түсінемін. Деректерді өңдеуге келісім болмаса, сізді жазу мүмкін емес: жазылу үшін ЖСН, Т.А.Ә. және телефон нөмірі қажет. Біз сіз туралы ештеңе сақтаған жоқпыз.
    Ойыңыз өзгерсе, /start жіберіңіз.
# A returning person (their consent was withdrawn): what the law keeps stays, blocked.
consent-declined-records-kept =
    Түсінемін. Деректерді өңдеуге келісім болмаса, сізді жазу мүмкін емес: жазылу үшін ЖСН, Т.А.Ә. және телефон нөмірі қажет. Біз жаңа деректер сақтаған жоқпыз. Қор заң бойынша сақтауға міндетті бұрынғы келісімдеріңіз бен өткен қабылдаулар туралы жазбалар бұғатталған күйде қалады; оларды /mydata командасымен көре аласыз.
    Ойыңыз өзгерсе, /start жіберіңіз.
consent-missing = Деректерді өңдеуге келісім табылмады, сондықтан жазылу сақталмады. Қайта бастау үшін /start жіберіңіз.
third-party-question =
    Тағы бір, бөлек сұрақ (саясаттың 7-тармағы). Қажет болған жағдайда деректеріңіздің үшінші тұлғаларға берілуіне келісесіз бе — мысалы, қызметті серіктес клиника көрсететін болса, сол клиникаға?
    Бұл міндетті емес: бұл келісімсіз де жазылуға болады.
button-third-party-yes = Иә, келісемін
button-third-party-no = Жоқ, бермеңіз
third-party-granted = Рақмет, жауабыңыз сақталды.
third-party-declined = Жақсы, деректеріңіз үшінші тұлғаларға берілмейді.

## Booking: the person
ask-who = Қабылдауға кім келеді?
    (Аяқталмаған жазылу { $hours } сағат сақталады, содан кейін енгізілген деректерімен бірге өшіріледі.)
button-who-self = Өзім
button-who-other = Басқа адам (мысалы, балам)
ask-who-saved = Қабылдауға кім келеді? Бұрын жазған адамды таңдаңыз — оның деректерін қайта енгізудің қажеті жоқ.
    (Аяқталмаған жазылу { $hours } сағат сақталады, содан кейін енгізілген деректерімен бірге өшіріледі.)
button-who-saved = { $name }, { $iin }
saved-person-gone = Бұл адамның деректері жойылған. Қайта таңдаңызшы.
ask-iin-self = ЖСН-іңізді енгізіңіз — 12 цифр (бос орын мен дефис қоюға болады).
ask-iin-other = Қабылдауға келетін адамның ЖСН-ін енгізіңіз — 12 цифр (бос орын мен дефис қоюға болады).
iin-error-format = ЖСН дәл 12 цифрдан тұрады. Тексеріп, қайта енгізіңізші.
iin-error-century = ЖСН-дегі жетінші цифр 1-ден 6-ға дейін болуы керек. Нөмірді тексеріңізші.
iin-error-date = ЖСН-нің алғашқы алты цифры — туған күні (ЖЖААКК), ал мұнда мұндай күн жоқ. Нөмірді тексеріңізші.
iin-error-before-1900 = Бұл ЖСН бойынша адам 1900 жылға дейін туған болып шығады — бұлай болмайды. Жетінші цифрды тексеріңізші: 1900 жылдары туғандарда ол 3 немесе 4, 2000 жылдан бастап туғандарда 5 немесе 6.
iin-error-future = Бұл ЖСН-де көрсетілген туған күн әлі келген жоқ. Нөмірді тексеріңізші.
iin-error-saved-self = Бұл ЖСН сізде өзіңіздікі ретінде («Өзім») сақталған. Артқа қайтып, «Өзім» таңдаңыз немесе нөмірді тексеріңіз.
iin-error-saved-other = Бұл ЖСН сізде басқа адамдікі ретінде сақталған. Артқа қайтып, «Басқа адам» таңдаңыз немесе нөмірді тексеріңіз.
iin-error-checksum = ЖСН-де қате басылған сияқты: бақылау цифры сәйкес келмейді. Нөмірді тексеріп, қайта енгізіңіз.
iin-error-minor-self = Бұл ЖСН бойынша адам әлі 18 жасқа толмаған. Кәмелетке толмаған адамды ата-анасы немесе заңды өкілі жазады: «Артқа» батырмасын басып, «Басқа адам» дегенді таңдаңыз.
ask-representative = Бұл адам әлі 18 жасқа толмаған. Оны тек ата-анасы немесе заңды өкілі ғана жаза алады. Осы адамның ата-анасы немесе заңды өкілі сіз екеніңізді растаңызшы.
button-representative-yes = Иә, мен ата-анасымын / заңды өкілімін
button-representative-no = Жоқ, мен ата-анасы да, өкілі де емеспін
representative-not = Баланы тек оның ата-анасы немесе заңды өкілі (мысалы, қамқоршысы) жаза алады. Олардан баланы осы бот арқылы жазуды сұраңыз немесе клиникаға қоңырау шалыңыз: { $phone }. ЖСН қате енгізілсе, оны қайта енгізіңіз.
ask-name-self = Тегіңізді, атыңызды және әкеңіздің атын (бар болса) енгізіңіз, мысалы: Сейтқали Айгерім Нұрланқызы.
ask-name-other = Қабылдауға келетін адамның тегін, атын және әкесінің атын (бар болса) енгізіңіз.
name-error-characters = Т.А.Ә. тек әріптерден (кирилл немесе латын), бос орыннан, дефистен және апострофтан тұра алады. Қайта енгізіңізші.
name-error-mixed-script = Бір сөзде кирилл және латын әріптері араласып кеткен. Әр сөзді бір ғана пернетақта тілімен теріңізші.
name-error-word-count = Екіден төртке дейін сөз болуы керек: тегі, аты және бар болса, әкесінің аты.
name-error-initials = Бұл аты-жөннің бас әріптері сияқты. Тегі мен атын (бар болса, әкесінің атын да) құжаттағыдай толық жазыңызшы.
name-error-length = Т.А.Ә. тым қысқа немесе тым ұзын болып шықты. Тексеріңізші.
ask-phone = Байланыс үшін ұялы телефон нөміріңізді көрсетіңіз, мысалы +7 701 234 56 78.
button-share-phone = 📱 Нөмірмен бөлісу
phone-error-format = Бұл телефон нөміріне ұқсамайды. Мысалы, былай жазыңыз: +7 701 234 56 78 немесе 8 701 234 56 78.
# The clinic's phone is offered to those who have no Kazakhstan mobile: they can still book by calling.
phone-error-country = Бұл қазақстандық нөмір емес, ал ботта тек қазақстандық ұялы нөмірді көрсетуге болады (+7 7xx …). Ондай нөміріңіз болмаса, клиникаға қоңырау шалыңызшы: { $clinicPhone }.
phone-error-not-mobile = Бұл ұялы нөмір емес (қалалық нөмірге ұқсайды), ал ботта тек қазақстандық ұялы нөмірді көрсетуге болады (+7 7xx …). Ондай нөміріңіз болмаса, клиникаға қоңырау шалыңызшы: { $clinicPhone }.
phone-saved = { $phone } нөмірі сақталды.

## Booking: the appointment
ask-service =
    Қызметті таңдаңыз:

    { $services }
# One service in the service question: its name and what it is, from the catalogue.
service-described = { $name }: { $description }
service-age-question = { $service } — { $range } пациенттерге арналған қызмет, ал пациент { $age } жаста. Бәрібір осы қызметке жазамыз ба?
service-ages-between = { $min } жастан { $max } жасқа дейінгі
service-ages-from = { $min } жас және одан үлкен
service-ages-under = { $limit } жасқа толмаған
button-service-age-go-on = Иә, осы қызметке жазу
button-service-age-other = Басқа қызметті таңдау
ask-doctor = Маманды таңдаңыз:
ask-day = Күнді таңдаңыз (алдағы 2 аптада бос уақыты бар күндер көрсетілген):
button-any-doctor = Кез келген маман, ең жақын уақыт: { $when }
button-earliest-slot = Ең жақын уақыт: { $when }
ask-time = { $day } бос уақыт:
no-services = Қазір жазылу жабық: қолжетімді қызметтер жоқ. Кейінірек қайталап көріңіз немесе бізге қоңырау шалыңыз (/help).
no-free-days = Бұл маманда алдағы 2 аптада бос уақыт жоқ. Басқа маманды таңдаңызшы.
no-free-times = Бұл күні бос уақыт қалмады. Басқа күнді таңдаңыз.
slot-gone = Таңдалған уақыт енді бос емес. Қайтадан таңдайық.

## Summary and confirmation
summary =
    Тексеріңізші:
    Кім келеді: { $relation }
    Т.А.Ә.: { $name }
    ЖСН: { $iin }
    Телефон: { $phone }
    Қызмет: { $service }
    Маман: { $doctor }
    Қашан: { $when }
    Мекенжай: { $address }
summary-relation-self = өзіңіз
summary-relation-other = басқа адам
summary-relation-child = балаңыз (18 жасқа толмаған); сіз — оның заңды өкілісіз
# Shown under the summary when a typed IIN is a person the chat already saved, with other details.
summary-saved-changes =
    Бұл адам сізде бұрыннан сақталған. Жазылуды растасаңыз, оның деректері өзгереді:
    { $changes }
    Жаңа деректерді көрсететін осы адамның алдағы жазылулары: { $upcoming }
summary-saved-change = { $field }: { $old } → { $new }
button-confirm = ✅ Растау
button-change = ✏️ Өзгерту
ask-change = Нені өзгертейік?
button-change-who = Кім келеді
button-change-iin = ЖСН
button-change-name = Т.А.Ә.
button-change-phone = Телефон
button-change-service = Қызмет
button-change-doctor = Маман
button-change-day = Күн мен уақыт
# Who comes is named: "Сіз" for oneself, the name for someone else (a child, a relative).
booked =
    { $who ->
        [self] Сіз жазылдыңыз!
       *[other] { $name } қабылдауға жазылды.
    } Жазылу нөмірі: { $number }
    { $date }, { $time }
    { $service }, маман: { $doctor }
    Мекенжай: { $address }{ $map }
    Клиника телефоны: { $phone }
    Өзіңізбен бірге алыңыз: { $bring }
    Жазылуды көру, ауыстыру немесе одан бас тарту: /appointments
booked-map = Картада: { $url }
booked-bring-adult = жеке куәлік.
booked-bring-child = баланың туу туралы куәлігі және сіздің (заңды өкілдің) жеке куәлігіңіз.
slot-taken = Өкінішке қарай, бұл уақытты жаңа ғана басқа адам алып қойды.
# Fair use (limits set by the fund in the configuration): who and what is already held is named.
booking-overlap = Бұл уақытта { $name } жазылып қойған: { $date }, { $time }, { $service }. Бір адамның екі жазылуы уақыты бойынша қабаттаспауы керек — басқа уақытты таңдаңыз.
booking-limit-person = Бұл адамның алдағы жазылулары: { $max } — бұл рұқсат етілген ең көп сан. Қайта жазылу үшін қажет емес жазылудан бас тартыңыз: /appointments
booking-limit-person-service = Бұл адамның осы қызметке алдағы жазылулары: { $max } — бұл рұқсат етілген ең көп сан. Басқа қызметті таңдаңыз немесе қажет емес жазылудан бас тартыңыз: /appointments
booking-limit-account = Осы чаттан жасалған алдағы жазылулар: { $max } — бұл рұқсат етілген ең көп сан. Қайта жазылу үшін қажет емес жазылудан бас тартыңыз: /appointments
# Confirm pressed again for a draft that was already booked (the first reply was lost, e.g. to a restart).
booked-already = Бұл жазылу жасалған және күшінде, ол екінші рет жасалмайды:
booking-draft-cancelled = Бұл жазылу бұрын жасалған, кейін одан бас тартылған. Қайта жазылу үшін /book жіберіңіз.
ask-alternative = Бұл маманның ең жақын бос уақыты:
button-other-day = Басқа күнді таңдау

## Navigation inside the dialogue
button-back = ← Артқа
button-cancel = ✖ Жазылуды тоқтату
booking-cancelled = Жазылу тоқтатылды, енгізілген деректер өшірілді. Қайта бастау үшін /book жіберіңіз.
booking-draft-expired = Аяқталмаған жазылу өшірілді: оған { $hours } сағат бойы оралмадыңыз, ал аяқталмаған жазылудың деректерін одан ұзақ сақтамаймыз. Жазылу үшін қайта бастаңыз: /book.
nothing-to-cancel = Қазір тоқтататын ештеңе жоқ. Бұрын жасалған жазылудан бас тарту үшін /appointments ашыңыз.
button-outdated = Бұл батырма енді жұмыс істемейді.
button-answered = ✓ { $label }
answer-text-please = Мәтінмен жауап беріңізші.
answer-use-buttons = Төмендегі нұсқалардың бірін таңдаңызшы.
command-during-dialogue = Қазір жазылу жүріп жатыр. Төмендегі сұраққа жауап беріңізші немесе жазылуды тоқтату үшін /cancel жіберіңіз.
booking-leave-question = Қазір қабылдауға жазылу жүріп жатыр. Оны жалғастырасыз ба, әлде тоқтатасыз ба?
button-dialogue-continue = Жалғастыру
button-dialogue-leave-for-book = Тоқтатып, жаңадан жазылу
button-dialogue-leave-for-appointments = Тоқтатып, жазылуларымды ашу

## Appointments
appointments-none = Сізде алдағы жазылулар жоқ. Жазылу: /book
appointments-heading = { $count ->
   *[other] Сізде { $count } алдағы жазылу бар:
}
appointment-item =
    № { $number }: { $date }, { $time }
    { $service }, маман: { $doctor }
    Пациент: { $patient }
button-cancel-booking = Бұл жазылудан бас тарту
appointment-cancel-confirm =
    Жазылудан бас тартасыз ба?
    { $details }
button-cancel-booking-yes = Иә, бас тарту
button-cancel-booking-no = Жоқ, қалдыру
appointment-cancelled = № { $number } жазылудан бас тартылды. Қызметкерлерге хабарладық.
appointment-kept = Жақсы, жазылу күшінде қалады.
appointment-not-found = Бұл жазылу сіздің алдағы жазылуларыңыздың арасынан табылмады.
appointment-already-cancelled = Бұл жазылудан бұрын бас тартылған.
appointment-past = Бұл жазылудың уақыты өтіп кетті, одан бас тарту мүмкін емес.

## Reminders (issue 10): the day before and two hours before the appointment.
reminder =
    № { $number } жазылу туралы еске саламыз.
    Кім келеді: { $patient }
    Қашан: { $date }, { $time }
    { $service }, маман: { $doctor }
    Мекенжай: { $address }
button-reminder-come = Келемін
button-reminder-cancel = Бас тарту
reminder-confirmed = Рақмет! Келетініңізді жазып қойдық. Сізді күтеміз: { $date }, { $time }.
reminder-already-confirmed = Сіз келетініңізді бұрын растадыңыз.
reminder-past = Бұл жазылудың уақыты келіп қойды.

## Help and the rest
help =
    Бұл бот { -project } жобасы аясында қабылдауға жазады. Оны { -fund } жүргізеді.
    { $clinic }
    Мекенжай: { $address }
    Телефон: { $phone }

    Командалар:
    /book — қабылдауға жазылу
    /appointments — менің жазылуларым (көру, ауыстыру, бас тарту)
    /cancel — ағымдағы жазылуды немесе түзетуді тоқтату
    /policy — құпиялылық саясаты
    /mydata — сіз туралы қандай деректер сақталғаны (және көшірме файлы)
    /edit — Т.А.Ә., телефонды немесе ЖСН-ді түзету
    /block — деректерді өңдеуді тоқтата тұру немесе бұғаттауды алу
    /delete — барлық деректеріңізді жою
    /withdraw — деректерді өңдеуге келісімді кері қайтарып алу
    /lang — тілді ауыстыру
    /help — осы анықтама

    Дербес деректеріңізге қатысты сұрақтарды қорға жоғарыдағы телефон арқылы қоюға болады. Сондай-ақ сіз дербес деректерді қорғау саласындағы уәкілетті органға жүгінуге құқылысыз — { -authorized-body }.
fallback = Мен сізді толық түсінбедім. Жазылу үшін /book жіберіңіз; анықтама — /help.
unknown-command = Мұндай команда жоқ. Командалар тізімі — /help.
error-generic = Кешіріңіз, бірдеңе дұрыс болмады. Бұрын сақталған деректеріңіз орнында; қайталап көріңізші.
# Sent once when a chat sends far more messages than a person types; the rest of the burst is not read.
too-many-messages = Хабарламаларды тым жиі жіберіп жатырсыз. Бірнеше секунд күтіп, қайта жауап беріңізші.

## Command menu
command-start = Бастау
command-book = Қабылдауға жазылу
command-appointments = Менің жазылуларым
command-cancel = Ағымдағы жазылуды тоқтату
command-policy = Құпиялылық саясаты
command-lang = Тілді ауыстыру
command-help = Анықтама және байланыс
# The staff group's menu (in STAFF_LOCALE).
command-staff-today = Бүгінгі жазылулар
command-staff-tomorrow = Ертеңгі жазылулар
command-staff-day = Күн бойынша жазылулар: /day 2026-12-15 [маман]

## Staff group
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-console = консоль
staff-booked =
    🆕 Жаңа жазылу { $number } ({ $channel })
    Қызмет: { $service }
    Маман: { $doctor }
    Уақыты: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }
staff-session = { $service }, { $number }-сабақ ({ $count } сабақтан)
staff-course-cancelled =
    ❌ Пациент курстың қалған сабақтарынан бас тартты ({ $channel }): { $count }
    Қызмет: { $service }
    Маман: { $doctor }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }
    Күші жойылған жазбалар:
    { $sessions }
staff-iin-claimed-elsewhere = ⚠️ Бұл ЖСН тағы бір чатта «өзім» ретінде көрсетілген. Қабылдауда жеке басты куәландыратын құжатты тексеріңіз.
staff-cancelled =
    ❌ { $number } жазылуынан пациент бас тартты ({ $channel })
    Қызмет: { $service }
    Маман: { $doctor }
    Уақыты: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }

# The alert of a booking, edited to show its state; the buttons reception acts with.
staff-card =
    📋 Жазылу { $number } ({ $channel })
    Қашан: { $when }
    Қызмет: { $service }
    Маман: { $doctor }
    Пациент: { $patient } — { $who }
    Телефон: { $phone }
    ЖСН: { $iin }
    Қайта қоңырау шалу тілі: { $language }
    Күйі: { $state }
staff-digest-heading = 🆕 Жаңа жазылулар: { $count }. Жазылуды ашып, келуін белгілеу, күшін жою немесе ЖСН-ді көру үшін нөмірін басыңыз.
staff-digest-line = • { $number } ({ $channel }): { $when }, { $service }, { $doctor } — { $patient }{ $minor }, { $phone }, ЖСН { $iin }, тілі: { $language }{ $claimed }
staff-digest-claimed = ⚠️ ЖСН тағы бір чатта «өзім» ретінде көрсетілген
button-staff-open = { $number } ашу
staff-card-erased = 🗑 Жазылу { $number }: пациенттің деректері оның талабы бойынша өшірілді, уақыт босатылды.
staff-language-ru = орыс тілі
staff-language-kk = қазақ тілі
staff-who-self = өзі жазылды
staff-who-other = ересек, оны басқа адам жазды
staff-who-minor = бала, { $age } жаста; ата-анасы немесе заңды өкілі жазды
staff-minor-marker = 👶 { $age } жаста
staff-state-booked = жазылды
staff-state-confirmed = пациент келетінін растады
staff-state-attended = ✅ келді
staff-state-no_show = 🚫 келмеді
staff-state-cancelled = күші жойылды
staff-state-cancelled-by-patient = ❌ пациент бас тартты
staff-state-cancelled-by-staff = ❌ клиника күшін жойды: { $reason }
button-staff-attended = ✅ Келді
button-staff-no-show = 🚫 Келмеді
button-staff-cancel = Күшін жою
button-staff-show-iin = ЖСН-ді көрсету
button-staff-back = « Артқа
staff-cancel-why = Неге күшін жоясыз? Себебін пациент көреді.
staff-not-member = Мұнда тек қызметкерлер тобының мүшелері әрекет ете алады.
staff-recorded-attended = Белгіленді: пациент келді.
staff-recorded-no_show = Белгіленді: пациент келмеді.
staff-visit-refused-not_found = Мұндай жазылу енді жоқ.
staff-visit-refused-cancelled = Жазылудың күші жойылған: келуін белгілеуге болмайды.
staff-visit-refused-before_the_day = Қабылдау күні әлі келген жоқ: келуін сол күннен бастап белгілеуге болады.
staff-cancel-refused-not_found = Мұндай жазылу енді жоқ.
staff-cancel-refused-not_open = Бұл жазылудың күшін енді жоюға болмайды: оның күші бұрын жойылған немесе келуі белгіленген.
staff-cancel-refused-past = Қабылдау уақыты өтті: мұндай жазылудың күші жойылмайды, келуі белгіленеді.
staff-cancelled-patient-told = Жазылудың күші жойылды, пациентке хабарланды.
staff-cancelled-patient-pending = Жазылудың күші жойылды, бірақ пациентке хабар әлі жетпеді: бот қайта жібереді. Қабылдау жақын болса, оған қоңырау шалыңыз.
staff-cancelled-patient-not-told = Жазылудың күші жойылды, бірақ пациентке чатта хабарлау мүмкін болмады. Оған қоңырау шалыңызшы.
staff-booking-not-found = Мұндай жазылу енді жоқ.
staff-iin-popup = { $number } жазылуы бойынша ЖСН: { $iin }
staff-day-heading = 🗓 { $day } ({ $date }) жазылулары
staff-day-closed = Клиника жабық: { $name }.
staff-day-empty = Бұл күні жазылу да, бос уақыт та жоқ.
staff-day-no-bookings = жазылу жоқ
staff-day-booking = { $time } — { $state } — { $patient }{ $minor }, { $phone }, ЖСН { $iin } (№ { $number }){ $session }
staff-day-free = Бос уақыт: { $times }
staff-day-no-free = Бос уақыт қалмады.
staff-day-usage = Күнді былай жазыңыз: /day 2026-12-15 (қажет болса, маманның тегін қосыңыз).
staff-day-no-specialist = «{ $query }» маманы каталогта табылмады.
staff-absence-summary =
    🩺 Маман болмайды: { $doctor }, { $from } – { $to } ({ $reason }).
    Күші жойылған жазылулар: { $cancelled }. Пациенттерге чатта хабарланды: { $told }. Қоңырау шалу керек: { $toCall }.
    Чатта жаңа уақыт таңдағандар: { $cancelled } ішінен { $rebooked }.
    Бұл күндерге маманға енді жазылмайды.
staff-doctor-removed-summary =
    🩺 Маман каталогта енді жоқ: { $doctor }.
    Күші жойылған жазылулар: { $cancelled }. Пациенттерге чатта хабарланды: { $told }. Қоңырау шалу керек: { $toCall }.
cancel-reason-specialist_absent = маман қабылдай алмайды
cancel-reason-clinic_closed = клиника бұл күні жабық
cancel-reason-patient_asked = пациенттің өтініші бойынша
cancel-reason-duplicate = қайталанған жазылу

## A booking cancelled by staff, as the patient is told
patient-cancelled-by-clinic =
    Өкінішке қарай, клиника № { $number } жазылуыңыздың күшін жойды: { $when }, { $service }, дәрігер { $doctor }.
    Себебі: { $reason }.
    Басқа уақытты таңдау үшін /start жіберіңіз.
patient-cancelled-by-clinic-rebook =
    Өкінішке қарай, клиника № { $number } жазылуыңыздың күшін жойды: { $when }, { $service }, дәрігер { $doctor }.
    Себебі: { $reason }.
    Төмендегі батырмамен жаңа уақыт таңдаңыз — жазылу нөмірі өзгермейді. Қолайлы уақыт болмаса, /book арқылы күту тізіміне жазылыңыз.
button-rebook = Жаңа уақыт таңдау

## WhatsApp
# WhatsApp has no buttons: the bot's options are sent as a numbered list and the person answers with a number.
# The option that shares the sender's own phone number (shown only when WhatsApp tells us the number).
whatsapp-use-this-number = Осы нөмірді қолдану: { $phone }
# A number outside the list, or a typed answer that matches no option.
whatsapp-choose-number =
    { $count ->
        [1] 1 санымен жауап беріңізші.
       *[other] Нұсқаның нөмірімен жауап беріңізші — 1 мен { $count } аралығындағы сан.
    }
# A photo, file, voice message, location or contact card.
whatsapp-text-only = Мен тек мәтінді түсінемін: фото, файл, дауыстық хабарлама мен геолокацияны оқи алмаймын. Мәтінмен жауап беріңізші.
