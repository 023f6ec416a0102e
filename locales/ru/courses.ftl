# Courses of therapy and group sessions (issue 12): a plan of every session, confirmed at once.

ask-course-day = Выберите день первого занятия. Остальные занятия бот предложит в том же ритме и в то же время:
ask-course-start = Выберите день первого занятия. Группа начинается вместе, поэтому здесь только дни старта группы:
no-course-start = Ближайших дней старта этой группы с местами нет.
slot-places-left = { $time } · мест: { $places }
course-plan =
    { $count ->
        [one] { $count } занятие:
        [few] { $count } занятия:
       *[many] { $count } занятий:
    }
    { $sessions }
course-plan-session = { $number }. { $when }
course-plan-moved = { $number }. { $when } (вместо { $wanted }: это время занято)
course-plan-closed = { $number }. { $when } (вместо { $day }: { $holiday }, клиника не работает)
course-plan-missing = Для занятия { $number } ({ $wanted }) у специалиста нет свободного времени ни в этот день, ни рядом. Выберите, пожалуйста, другое время первого занятия.
course-plan-changed = Пока вы смотрели план, время занятия { $number } успели занять. Вот обновлённый план — проверьте его, пожалуйста:
button-confirm-course = ✅ Подтвердить все занятия
course-booked =
    { $who ->
        [self] Вы записаны на курс!
       *[other] { $name } записан(а) на курс.
    } { $service }, специалист: { $doctor }
    Занятия:
    { $sessions }
    Адрес: { $address }{ $map }
    Телефон клиники: { $phone }
    С собой: { $bring }
    Перед каждым занятием придёт напоминание. Посмотреть курс, перенести или отменить занятие: /appointments
course-booked-session = { $number }. { $when } — запись { $booking }
session-label = занятие { $number } из { $count }

# /appointments: a course as one entry.
appointments-course =
    📚 { $service }, специалист: { $doctor }
    Пациент: { $patient }
    Прошло занятий: { $done } из { $count }. Следующее — { $session }: { $when } (запись { $number })
button-course-move-next = Перенести занятие { $number }
button-course-cancel-next = Отменить занятие { $number }
button-course-sessions = Все предстоящие занятия курса
button-course-cancel-rest = Отменить все оставшиеся занятия
course-cancel-rest-question = Отменить все оставшиеся занятия курса «{ $service }» ({ $count })? Прошедшие занятия останутся в истории.
button-course-cancel-rest-yes = Да, отменить оставшиеся
button-course-cancel-rest-no = Нет, оставить курс
course-cancelled-rest =
    Оставшиеся занятия курса отменены: { $count }. Мы сообщили клинике.
    Записаться снова: /book
course-cancel-rest-kept = Хорошо, курс остаётся в силе.
course-cancel-rest-too-close = Занятие { $when } уже скоро, его можно отменить только по телефону клиники: { $phone }
course-cancel-rest-nothing = Оставшихся занятий, которые ещё можно отменить в чате, нет. Если занятие скоро, позвоните, пожалуйста, в клинику: { $phone }

# A specialist's absence cancelled sessions of a course: one message for all of them.
patient-course-cancelled-by-clinic =
    К сожалению, клиника отменила занятия курса «{ $service }» (специалист { $doctor }): { $count }.
    Причина: { $reason }.
    { $sessions }
    Чтобы записаться на другое время, отправьте /book.
patient-course-cancelled-by-clinic-rebook =
    К сожалению, клиника отменила занятия курса «{ $service }» (специалист { $doctor }): { $count }.
    Причина: { $reason }.
    { $sessions }
    Выберите новое время для каждого занятия кнопками ниже — номера записей останутся прежними, остальные занятия курса не меняются.
patient-course-cancelled-line = • { $session }: { $when } (запись { $number })
button-rebook-session = Новое время для занятия { $number }

# The waiting list for a course (a full group): an offer is the course's first session.
waitlist-offer-course = Это первое занятие курса. Если вы запишетесь, бот запишет и остальные занятия ({ $count } всего) в том же ритме и в то же время, а вместо занятого времени — ближайшее свободное.
waitlist-taken-course =
    Готово: { $patient } записан(а) на курс «{ $service }», специалист: { $doctor }.
    Занятия:
    { $sessions }
    Посмотреть курс, перенести или отменить занятие: /appointments

# The staff group's day list: a session of a course after the booking's number.
staff-day-session = занятие { $number } из { $count }
