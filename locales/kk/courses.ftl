# Courses of therapy and group sessions (issue 12): a plan of every session, confirmed at once.

ask-course-day = Бірінші сабақтың күнін таңдаңыз. Қалған сабақтарды бот сол ырғақпен, сол уақытта ұсынады:
ask-course-start = Бірінші сабақтың күнін таңдаңыз. Топ бірге басталады, сондықтан мұнда тек топтың бастау күндері көрсетілген:
no-course-start = Бұл топтың орны бар жақын бастау күндері жоқ.
slot-places-left = { $time } · { $places } орын
course-plan =
    { $count } сабақ:
    { $sessions }
course-plan-session = { $number }. { $when }
course-plan-moved = { $number }. { $when } ({ $wanted } орнына: ол уақыт бос емес)
course-plan-closed = { $number }. { $when } ({ $day } орнына: { $holiday }, клиника жұмыс істемейді)
course-plan-missing = { $number }-сабаққа ({ $wanted }) маманда бұл күні де, жақын күндері де бос уақыт жоқ. Бірінші сабақтың басқа уақытын таңдаңыз.
course-plan-changed = Сіз жоспарды қарап отырғанда { $number }-сабақтың уақытын басқа біреу алып қойды. Міне, жаңартылған жоспар — тексеріп шығыңыз:
button-confirm-course = ✅ Барлық сабақты растау
course-booked =
    { $who ->
        [self] Сіз курсқа жазылдыңыз!
       *[other] { $name } курсқа жазылды.
    } { $service }, маман: { $doctor }
    Сабақтар:
    { $sessions }
    Мекенжай: { $address }{ $map }
    Клиника телефоны: { $phone }
    Өзіңізбен бірге алыңыз: { $bring }
    Әр сабақ алдында еске салу келеді. Курсты көру, сабақты ауыстыру немесе одан бас тарту: /appointments
course-booked-session = { $number }. { $when } — { $booking } жазылуы
session-label = { $number }-сабақ ({ $count } сабақтан)

# /appointments: a course as one entry.
appointments-course =
    📚 { $service }, маман: { $doctor }
    Пациент: { $patient }
    Өткен сабақтар: { $count } сабақтан { $done }. Келесісі — { $session }: { $when } ({ $number } жазылуы)
button-course-move-next = { $number }-сабақты ауыстыру
button-course-cancel-next = { $number }-сабақтан бас тарту
button-course-sessions = Курстың барлық алдағы сабақтары
button-course-cancel-rest = Қалған барлық сабақтан бас тарту
course-cancel-rest-question = «{ $service }» курсының қалған барлық сабағынан ({ $count }) бас тартасыз ба? Өткен сабақтар тарихта қалады.
button-course-cancel-rest-yes = Иә, қалғанынан бас тарту
button-course-cancel-rest-no = Жоқ, курс қалсын
course-cancelled-rest =
    Курстың қалған сабақтарынан бас тартылды: { $count }. Клиникаға хабарладық.
    Қайта жазылу: /book
course-cancel-rest-kept = Жақсы, курс күшінде қалады.
course-cancel-rest-too-close = { $when } сабағы жақында басталады, одан тек клиника телефоны арқылы бас тартуға болады: { $phone }
course-cancel-rest-nothing = Чатта бас тартуға болатын қалған сабақ жоқ. Сабақ жақында болса, клиникаға қоңырау шалыңыз: { $phone }

# A specialist's absence cancelled sessions of a course: one message for all of them.
patient-course-cancelled-by-clinic =
    Өкінішке қарай, клиника «{ $service }» курсының сабақтарының күшін жойды (маман { $doctor }): { $count }.
    Себебі: { $reason }.
    { $sessions }
    Басқа уақытқа жазылу үшін /book жіберіңіз.
patient-course-cancelled-by-clinic-rebook =
    Өкінішке қарай, клиника «{ $service }» курсының сабақтарының күшін жойды (маман { $doctor }): { $count }.
    Себебі: { $reason }.
    { $sessions }
    Әр сабаққа төмендегі батырмалармен жаңа уақыт таңдаңыз — жазылу нөмірлері өзгермейді, курстың қалған сабақтары сол күйінде қалады.
patient-course-cancelled-line = • { $session }: { $when } ({ $number } жазылуы)
button-rebook-session = { $number }-сабаққа жаңа уақыт

# The waiting list for a course (a full group): an offer is the course's first session.
waitlist-offer-course = Бұл — курстың бірінші сабағы. Жазылсаңыз, бот қалған сабақтарды да (барлығы { $count }) сол ырғақпен, сол уақытта жазады, ал бос емес уақыттың орнына ең жақын бос уақытты береді.
waitlist-taken-course =
    Дайын: { $patient } «{ $service }» курсына жазылды, маман: { $doctor }.
    Сабақтар:
    { $sessions }
    Курсты көру, сабақты ауыстыру немесе одан бас тарту: /appointments

# The staff group's day list: a session of a course after the booking's number.
staff-day-session = { $number }-сабақ ({ $count } сабақтан)
