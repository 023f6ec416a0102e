# The waiting list (issue 10): joining it from the booking dialogue, the offer of a freed time, and
# leaving it from /appointments.

# In the booking dialogue.
button-waitlist-none-fit = Ешқайсысы сай емес — күту тізіміне
button-waitlist-join = Күту тізіміне жазылу
no-free-days-waitlist = Бұл маманның жақын 2 аптада бос уақыты жоқ. Күту тізіміне жазылуға болады: уақыт босаса, оны бірден осы чатта сізге ұсынамыз. Немесе артқа оралып, басқа маманды таңдаңыз.
waitlist-ask-range = Күту тізіміне қанша мерзімге жазыласыз? Осы күндері уақыт босаса, оны осы чатта ұсынамыз.
button-waitlist-days = Жақын { $days } күн
waitlist-ask-scope = Уақытты тек таңдалған маманнан ({ $doctor }) күтесіз бе, әлде осы қызметті көрсететін кез келген маманнан ба?
button-waitlist-only-doctor = Тек { $doctor }
button-waitlist-any-doctor = Кез келген маман
waitlist-any-doctor = кез келген маман
waitlist-joined =
    Дайын: { $name } күту тізімінде.
    Қызмет: { $service }
    Маман: { $doctor }
    { $until } қоса алғанда күтеміз.
    Уақыт босаса, оны осында жібереміз және сіз үшін { $hold } минут сақтаймыз. Күту тізімін көру немесе одан шығу: /appointments
waitlist-already = { $name } бұл қызметке күту тізімінде тұр. Күту тізімін көру немесе одан шығу: /appointments

# The offer of a freed time, sent by the bot on its own.
waitlist-offer =
    Сіз күткен уақыт босады!
    { $when }
    { $service }, маман: { $doctor }
    Пациент: { $patient }
    Бұл уақытты сіз үшін { $until } дейін сақтаймыз. Жазыласыз ба?
button-waitlist-take = ✅ Жазылу
button-waitlist-decline = Жоқ, рақмет
waitlist-taken =
    Сіз жазылдыңыз! № { $number }: { $date }, { $time }
    { $service }, маман: { $doctor }
    Пациент: { $patient }
    Жазылуларыңыз: /appointments
waitlist-offer-passed = Өкінішке қарай, жауап беру уақыты өтіп кетті, бұл уақыт басқа адамға ұсынылды. Сіз күту тізімінде қаласыз: келесі сай уақытты да сізге ұсынамыз.
waitlist-offer-gone = Өкінішке қарай, бұл уақыт енді қолжетімсіз. Сіз күту тізімінде қаласыз.
waitlist-offer-not-found = Бұл ұсыныс енді жарамсыз. Жазылуларыңыз бен күту тізімі: /appointments
waitlist-offer-refused-overlap = Жазылу мүмкін емес: бұл уақытта басқа жазылу бар — { $name }, { $date }, { $time }, { $service }. Бұл уақытты күту тізіміндегі келесі адамға ұсынамыз, ал сіз тізімде қаласыз.
waitlist-declined = Жақсы, бұл уақытты басқа адамға ұсынамыз. Сіз күту тізімінде қаласыз; одан /appointments арқылы шығуға болады.

# /appointments.
waitlist-no-bookings = Алдағы жазылуларыңыз жоқ.
waitlist-heading = Күту тізімі:
waitlist-item =
    { $service }, маман: { $doctor }
    Пациент: { $patient }
    Бос уақытты { $until } қоса алғанда күтеміз.
button-waitlist-leave = Күту тізімінен шығу
waitlist-left = Сіз күту тізімінен шықтыңыз: { $service }.
waitlist-entry-gone = Күту тізімінде бұл жазба енді жоқ.

# /mydata.
mydata-waitlist-heading = Күту тізімі:
mydata-waitlist-entry = { $service }, маман: { $doctor }, пациент: { $patient }; { $from } — { $until }; { $status }
mydata-waitlist-waiting = бос уақытты күтуде
mydata-waitlist-booked = күту тізімі бойынша жазылды
mydata-waitlist-left = сіз күту тізімінен шықтыңыз
mydata-waitlist-expired = күту мерзімі өтті
mydata-waitlist-ended = аяқталды: деректерді өңдеу шектелген
