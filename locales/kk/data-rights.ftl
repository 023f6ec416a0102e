# Data subject's rights (policy §8): /mydata, /edit, /block, /delete, /withdraw.

processing-blocked = Сіздің өтінішіңіз бойынша деректеріңізді өңдеу тоқтатылған, сондықтан қазір жазылу мүмкін емес. Бұғаттауды алу үшін /block жіберіңіз.
staff-changed =
    ✏️ { $number } жазылуындағы пациент деректері өзгертілді ({ $channel })
    Қызмет: { $service }
    Дәрігер: { $doctor }
    Уақыты: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }

## Shared by /mydata, /block, /delete, /withdraw
data-rights-nothing-held = Сіз туралы ештеңе сақталмаған: бізде сіздің дербес деректеріңіз жоқ. (Бот сөйлесу тілін ғана есте сақтайды, егер сіз оны таңдаған болсаңыз.) Жазылу: /book
button-data-rights-no = Жоқ, ештеңені өзгертпеу
data-rights-kept = Жақсы, ештеңе өзгертілмейді.
data-rights-stale = Бұл батырма ескірген немесе сіздің деректеріңізге қатысты емес, сондықтан ештеңе өзгертілмеді. Команданы қайта жіберіңіз.

## /mydata: everything held, the processing facts, and the file
mydata-heading = { $date } күнгі жағдай бойынша сіз туралы және сіз жазған адамдар туралы сақталған деректердің бәрі осында. Аккаунт { $created } күні ашылған. Толық көшірме соңындағы файлда.
mydata-blocked-patient = Сіздің өтінішіңіз бойынша деректеріңізді өңдеу { $date } бастап тоқтатылған. Бұғаттауды алу: /block.
mydata-blocked-admin = Сіздің өтінішіңіз бойынша деректеріңізді өңдеуді қор { $date } бастап тоқтатқан.
mydata-blocked-withdrawal = Сіз келісімді { $date } күні кері қайтарып алдыңыз. Мұнда қор заң бойынша сақтауға міндетті деректер ғана қалды, олар бұғатталған.
mydata-person =
    { $name } — { $relation }
    ЖСН: { $iin }
    Телефон: { $phone }
mydata-relation-self = бұл сіз
mydata-relation-other = басқа адам
mydata-relation-minor = басқа адам, сіз оның ата-анасы немесе заңды өкілі екеніңізді растадыңыз
button-mydata-show-iin = ЖСН-ді толық көрсету
mydata-iin = ЖСН — { $name }: { $iin }
mydata-iin-not-found = Бұл адам сіздің деректеріңіздің арасында жоқ, сондықтан ЖСН көрсетілмеді.
mydata-consents-heading = Келісімдер:
mydata-consent = • { $purpose }: { $decision }; саясаттың { $version } нұсқасы; { $date }; { $status }
mydata-consent-processing = дербес деректерді өңдеу
mydata-consent-third-party = үшінші тұлғаларға беру (саясаттың 7-тармағы)
mydata-consent-granted = келісім берілді
mydata-consent-declined = бас тартылды
mydata-consent-active = күшінде
mydata-consent-ended = { $date } бастап күшінде емес (кері қайтарып алынды немесе жаңа жауаппен ауыстырылды)
mydata-bookings-heading = Қабылдауға жазылулар:
mydata-bookings-none = Жазылулар жоқ.
mydata-booking = • № { $number }: { $date }, сағат { $time }, { $service }, дәрігер { $doctor }; пациент: { $patient }; { $status }
mydata-booking-upcoming = алда
mydata-booking-past = қабылдау уақыты өтті
mydata-booking-cancelled = { $date } күні болдырылмады
mydata-processing-heading = Деректеріңіз қалай өңделеді (құпиялылық саясаты, { $version } нұсқасы):
mydata-purposes-heading = Мақсаттары (3-тармақ):
mydata-bases-heading = Құқықтық негіздері (4-тармақ):
mydata-retention-heading = Сақтау мерзімдері (5-тармақ):
mydata-recipients-heading = Деректерді кім алады:
mydata-rights = Сіздің құқықтарыңыз (8-тармақ): /edit — деректерді түзету, /block — өңдеуді тоқтата тұру, /delete — деректерді жою, /withdraw — келісімді кері қайтарып алу.
mydata-file-caption = Деректеріңіздің толық көшірмесі JSON файлында.
fact-purpose-system = жүйенің жұмысын қамтамасыз ету — онлайн-жазылуды қолдау
fact-purpose-bookings = жазылуларды басқару — қабылдауға жазылуларды жасау және басқару
fact-purpose-notifications = хабарламалар — осы чаттағы хабарламалар (бот SMS пен электрондық хат жібермейді)
fact-purpose-improvement = сервисті жетілдіру — қызметтер сапасын талдау және арттыру
fact-purpose-law = заңнаманы сақтау — оның талаптарын орындау
fact-basis-consent = дербес деректерді өңдеуге берген айқын келісіміңіз
fact-basis-law = Қазақстан Республикасы заңнамасының талаптары
fact-retention-bookings = белсенді жазылулар — емдеу курсы аяқталғанға дейін
fact-retention-history = жазылулар тарихы — белгіленген стандарттарға сәйкес
fact-retention-account = аккаунт — келісім кері қайтарып алынғанға немесе аккаунт жойылғанға дейін
fact-retention-drafts = аяқталмаған жазылу (жоба) — 6 сағат, содан кейін жойылады
fact-recipient-staff = қордың жабық қызметтік тобындағы қызметкерлері: жазылу нөмірі, қызмет, дәрігер, уақыт, Т.А.Ә., телефон және цифрлары жасырылған ЖСН
fact-recipient-third-parties = үшінші тұлғалар — тек сіздің бөлек келісіміңізбен (7-тармақ); қазіргі жауабыңыз: { $answer }
fact-third-party-granted = келісім берілді
fact-third-party-declined = келіспейсіз
fact-third-party-withdrawn = келісім кері қайтарып алынды
fact-third-party-unanswered = сіз әлі жауап бермедіңіз
fact-appeal = Сіз дербес деректерді қорғау саласындағы уәкілетті органға жүгінуге құқылысыз — { -authorized-body }.

## /block: restrict processing, and lift the restriction
block-confirm =
    Деректеріңізді өңдеуді тоқтата тұрасыз ба?
    Деректер базада қалады, бірақ пайдаланылмайды: жазылу мүмкін болмайды, еске салғыштар мен хабарламалар келмейді. Бұғаттауды кез келген уақытта осы /block командасымен алуға болады.
block-upcoming = Алдағы жазылулар: { $count }. Олар күшінде қалады; оларды /appointments арқылы болдырмауға болады.
button-block-yes = Иә, тоқтата тұру
block-done = Деректеріңізді өңдеу тоқтатылды. Деректер сақталған, бірақ пайдаланылмайды. Бұғаттауды алу: /block.
block-already = Деректеріңізді өңдеу қазірдің өзінде тоқтатылған. Бұғаттауды алу: /block.
unblock-confirm =
    Сіздің өтінішіңіз бойынша деректеріңізді өңдеу { $date } бастап тоқтатылған.
    Бұғаттауды аласыз ба? Бот сізді қайтадан қабылдауға жазып, хабарламалар жібере алады.
button-unblock-yes = Иә, бұғаттауды алу
unblock-done = Бұғаттау алынды, деректеріңізді өңдеу қайта басталды. Жазылу: /book
unblock-already = Бұғаттау бұрын алынған. Жазылу: /book
block-by-admin = Деректеріңізді өңдеуді сіздің өтінішіңіз бойынша қор тоқтатқан ({ $date }). Бұл бұғаттауды тек қор ала алады: { $phone } телефоны бойынша хабарласыңыз.
block-by-withdrawal = Сіз келісімді { $date } күні кері қайтарып алдыңыз, сондықтан қор сақтауға міндетті деректер бұғатталған. Қайтадан келісім бергеніңізде бұғаттау алынады: /book.

## Command menu
command-mydata = Менің деректерім: не сақталғаны
command-block = Деректерді өңдеуді тоқтата тұру немесе бұғаттауды алу
