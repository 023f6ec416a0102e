# The waiting list (issue 10): joining it from the booking dialogue, the offer of a freed time, and
# leaving it from /appointments.

# In the booking dialogue.
button-waitlist-none-fit = Ничего не подходит — в лист ожидания
button-waitlist-join = Встать в лист ожидания
no-free-days-waitlist = У этого специалиста нет свободного времени в ближайшие 2 недели. Можно встать в лист ожидания: если время освободится, мы сразу предложим его вам в этом чате. Или вернитесь и выберите другого специалиста.
waitlist-ask-range = На какой срок встать в лист ожидания? Если в эти дни освободится время, мы предложим его в этом чате.
button-waitlist-days = Ближайшие { $days } дней
waitlist-ask-scope = Ждать время только у выбранного специалиста ({ $doctor }) или у любого специалиста этой услуги?
button-waitlist-only-doctor = Только { $doctor }
button-waitlist-any-doctor = Любой специалист
waitlist-any-doctor = любой специалист
waitlist-joined =
    Готово: { $name } в листе ожидания.
    Услуга: { $service }
    Специалист: { $doctor }
    Ждём до { $until } включительно.
    Когда время освободится, мы пришлём его сюда и придержим для вас { $hold } мин. Посмотреть лист ожидания или покинуть его: /appointments
waitlist-already = { $name } уже в листе ожидания на эту услугу. Посмотреть лист ожидания или покинуть его: /appointments

# The offer of a freed time, sent by the bot on its own.
waitlist-offer =
    Освободилось время, которого вы ждали!
    { $when }
    { $service }, специалист: { $doctor }
    Пациент: { $patient }
    Мы придержим это время для вас до { $until }. Записаться?
button-waitlist-take = ✅ Записаться
button-waitlist-decline = Нет, спасибо
waitlist-taken =
    Вы записаны! № { $number }: { $date }, { $time }
    { $service }, специалист: { $doctor }
    Пациент: { $patient }
    Ваши записи: /appointments
waitlist-offer-passed = К сожалению, время для ответа истекло, и это время уже предложено другому человеку. Вы остаётесь в листе ожидания: следующее подходящее время мы тоже предложим вам.
waitlist-offer-gone = К сожалению, это время уже недоступно. Вы остаётесь в листе ожидания.
waitlist-offer-not-found = Это предложение больше не действует. Ваши записи и лист ожидания: /appointments
waitlist-offer-refused-overlap = Записаться не получится: в это время уже есть запись — { $name }, { $date }, { $time }, { $service }. Это время мы предложим следующему в листе ожидания, а вы остаётесь в нём.
waitlist-declined = Хорошо, это время мы предложим другому человеку. Вы остаётесь в листе ожидания; покинуть его можно в /appointments.

# /appointments.
waitlist-no-bookings = Предстоящих записей у вас нет.
waitlist-heading = Лист ожидания:
waitlist-item =
    { $service }, специалист: { $doctor }
    Пациент: { $patient }
    Ждём свободное время до { $until } включительно.
button-waitlist-leave = Покинуть лист ожидания
waitlist-left = Вы покинули лист ожидания: { $service }.
waitlist-entry-gone = Этой записи в листе ожидания уже нет.

# /mydata.
mydata-waitlist-heading = Лист ожидания:
mydata-waitlist-entry = { $service }, специалист: { $doctor }, пациент: { $patient }; { $from } — { $until }; { $status }
mydata-waitlist-waiting = ждёт свободного времени
mydata-waitlist-booked = записан(а) по листу ожидания
mydata-waitlist-left = вы покинули лист ожидания
mydata-waitlist-expired = срок ожидания истёк
mydata-waitlist-ended = завершено: обработка данных ограничена
