# Moving a booking to another time (issue 10), from /appointments or a reminder; and the time before
# the appointment after which the patient calls the clinic instead (CHANGE_CUTOFF_HOURS).

button-move-booking = Басқа уақытқа ауыстыру
button-reminder-move = Ауыстыру
move-intro =
    Жазылуды ауыстырамыз:
    { $details }
    Жазылу нөмірі өзгермейді.
move-booking =
    № { $number }: { $when }
    { $service }, маман: { $doctor }
    Пациент: { $patient }
move-intro-rebook =
    Клиника күшін жойған жазылудың орнына жаңа уақыт таңдайық:
    { $details }
    Жазылу нөмірі өзгермейді.
move-summary =
    Жазылуды ауыстырамыз ба?
    Бұрын: { $details }
    Енді: { $when }, маман: { $doctor }
button-move-confirm = ✅ Ауыстыру
move-button-keep = ✖ Бұрынғыдай қалдыру
move-cancelled = Жақсы, жазылу бұрынғы уақытта қалады.
move-command-during = Қазір жазылу ауыстырылып жатыр. Төменнен жаңа уақытты таңдаңызшы немесе жазылуды бұрынғыдай қалдыру үшін /cancel жіберіңіз.
move-leave-question = Қазір жазылу ауыстырылып жатыр. Жалғастырасыз ба, әлде тоқтатасыз ба? Тоқтатсаңыз, жазылу бұрынғы уақытта қалады.
move-draft-expired = Жазылуды ауыстыру аяқталмады: оған { $hours } сағат бойы оралмадыңыз. Жазылу бұрынғы уақытта қалды; оны ауыстыру үшін /appointments ашыңыз.
move-done = Дайын: № { $number } жазылу { $when } уақытына ауыстырылды. Қызметкерлерге хабарладық, еске салу жаңа уақытқа келеді.
move-done-rebook = Дайын: № { $number } жазылу қайтадан күшінде — { $when }. Қызметкерлерге хабарладық, еске салу осы уақытқа келеді.
no-free-days-to-move = Бұл маманның жақын 2 аптада бос уақыты жоқ, сондықтан қазір жаңа уақыт таңдау мүмкін емес. Кейінірек қайталап көріңізші: /appointments
move-no-specialist = Бұл қызметті қазір бірде-бір маман көрсетпейді, сондықтан чатта жаңа уақыт таңдау мүмкін емес. Клиникаға қоңырау шалыңызшы: { $phone }.
move-already = № { $number } жазылу { $when } уақытына бұрын ауыстырылған. Басқа ештеңе істеудің қажеті жоқ.
move-overlap = Бұл уақытта бұл адамның басқа жазылуы бар ({ $when }). Басқа уақытты таңдаңызшы.
move-too-late = Қабылдауға аз уақыт қалды, жазылуды чатта ауыстыру мүмкін емес. Клиникаға қоңырау шалыңызшы: { $phone }.
cancel-too-late = Қабылдауға аз уақыт қалды, жазылудан чатта бас тарту мүмкін емес. Клиникаға қоңырау шалыңызшы: { $phone }.
reminder-change-by-phone = Келе алмасаңыз, клиникаға қоңырау шалыңызшы: { $phone }.

staff-state-moved = пациент ауыстырды (бұрын: { $from })
staff-moved =
    🔁 { $number } жазылуын пациент ауыстырды ({ $channel })
    Бұрын: { $from }, { $fromDoctor }
    Енді: { $date } { $time }, { $doctor }
    Қызмет: { $service }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }

staff-rebooked =
    🔁 Клиника күшін жойған { $number } жазылуының орнына пациент жаңа уақыт таңдады ({ $channel })
    Бұрын: { $from }, { $fromDoctor }
    Енді: { $date } { $time }, { $doctor }
    Қызмет: { $service }
    Пациент: { $patient }
    Телефон: { $phone }
    ЖСН: { $iin }

## /absence in the staff group, for STAFF_ADMIN_IDS (the same as `npm run admin -- absence`).
staff-absence-usage = Маманның болмайтынын белгілеу: /absence тегі 2026-12-15 2026-12-19 себебі (бірнеше күн болса, екінші күнді жазыңыз).
staff-absence-admins-only = Мұнда маманның болмайтынын тек әкімшілер белгілей алады (STAFF_ADMIN_IDS). Командалық жолда да болады: npm run admin -- absence
staff-absence-ambiguous = «{ $query }» бойынша бірнеше маман табылды: { $names }. Тегін нақтылаңызшы.
staff-absence-confirm =
    Маманның болмайтынын белгілейміз бе: { $doctor }, { $from } – { $to } ({ $reason })?
    Осы күндерге жазылулар: { $affected }. Олардың күші жойылады, пациенттерге чатта хабарланады; бұл күндерге маманға енді жазылмайды.
button-staff-absence-yes = ✅ Белгілеу
button-staff-absence-no = Белгілемеу
staff-absence-kept = Белгіленбеді, ештеңе өзгерген жоқ.
staff-absence-expired = Бұл растау ескірді. /absence командасын қайта жіберіңіз.
staff-absence-not-yours = Тек /absence жіберген адам ғана растай алады.
staff-absence-recorded = Белгіленді, күші жойылған жазылулар: { $cancelled }. Жиынтық келесі хабарламада.
staff-absence-refused-unknown_doctor = Мұндай маман каталогта жоқ.
staff-absence-refused-period_reversed = Аяқталу күні басталу күнінен бұрын тұр: күндерді тексеріңіз.
staff-absence-refused-period_past = Бұл кезең толығымен өтіп кетті: белгілейтін ештеңе жоқ.
