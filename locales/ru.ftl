# Every text the bot shows, in Russian. kk.ftl holds the same keys in Kazakh; a test keeps them equal.

## Names kept in one place
-fund = Корпоративный фонд «BI-Жұлдызай»
-project = «Мүмкіндік»
# The authorized body for personal data protection (Law 94-V). Renamed in September 2025; change it here only.
-authorized-body = Министерство искусственного интеллекта и цифрового развития Республики Казахстан

language-kk = Қазақша
language-ru = Русский

## Start and language
# Shown before a language is chosen, so it says the same in both languages (kk.ftl has the same text).
welcome-choose-language =
    Сәлеметсіз бе! Бұл бот арқылы { -project } жобасында маманның қабылдауына жазылуға, жазылуларыңызды көруге және олардан бас тартуға болады.
    Здравствуйте! Через этого бота можно записаться на приём к специалисту в проекте { -project }, посмотреть свои записи и отменить их.
    Тілді таңдаңыз / Выберите язык:
welcome = Здравствуйте! Здесь можно записаться на приём в проекте { -project }.
choose-language = Выберите язык:
language-changed = Готово, теперь я говорю по-русски.

## Privacy policy and consent
policy-heading = Политика конфиденциальности, версия { $version }, действует с { $date }.
policy-summary =
    Кратко:
    • Для записи мы собираем ИИН, ФИО и телефон того, кто придёт на приём, и выбранные услуги и специалистов.
    • Данные нужны для записи, управления ею, уведомлений и соблюдения закона; хранятся в зашифрованном виде в Казахстане.
    • Третьим лицам данные передаются только с вашего отдельного явного согласия.
    • Вы можете узнать, какие данные о вас хранятся, исправить, заблокировать или удалить их и отозвать согласие; вы вправе обратиться в уполномоченный орган по защите персональных данных.
    Полный текст — по кнопке ниже.
button-policy-full = 📄 Читать полностью
button-consent-yes = ✅ Согласен(на)
button-consent-no = ❌ Не согласен(на)
consent-question = Вы согласны на обработку персональных данных на условиях этой политики?
consent-declined =
    Понимаю. Без согласия на обработку данных записать вас нельзя: для записи нужны ИИН, ФИО и телефон. Мы ничего о вас не сохранили.
    Если передумаете, отправьте /start.
# A returning person (their consent was withdrawn): what the law keeps stays, blocked.
consent-declined-records-kept =
    Понимаю. Без согласия на обработку данных записать вас нельзя: для записи нужны ИИН, ФИО и телефон. Новых данных мы не сохранили. Записи о ваших прежних согласиях и прошедших приёмах, которые фонд обязан хранить по закону, остаются заблокированными; посмотреть их можно командой /mydata.
    Если передумаете, отправьте /start.
consent-missing = Согласие на обработку данных не найдено, поэтому запись не сохранена. Отправьте /start, чтобы начать заново.
third-party-question =
    Ещё один, отдельный вопрос (п. 7 политики). Согласны ли вы, чтобы ваши данные при необходимости передавались третьим лицам — например, партнёрской клинике, если услугу оказывает она?
    Это необязательно: запись возможна и без этого согласия.
button-third-party-yes = Да, согласен(на)
button-third-party-no = Нет, не передавать
third-party-granted = Спасибо, ваш ответ записан.
third-party-declined = Хорошо, третьим лицам ваши данные передаваться не будут.

## Booking: the person
ask-who = Кто придёт на приём?
    (Незаконченная запись хранится { $hours } часов, затем удаляется вместе с введёнными данными.)
button-who-self = Я сам(а)
button-who-other = Другой человек (например, мой ребёнок)
ask-who-saved = Кто придёт на приём? Выберите человека, которого вы уже записывали, — вводить его данные заново не нужно.
    (Незаконченная запись хранится { $hours } часов, затем удаляется вместе с введёнными данными.)
button-who-saved = { $name }, { $iin }
saved-person-gone = Данные этого человека уже удалены. Выберите, пожалуйста, ещё раз.
ask-iin-self = Введите ваш ИИН — 12 цифр (пробелы и дефисы можно).
ask-iin-other = Введите ИИН человека, который придёт на приём, — 12 цифр (пробелы и дефисы можно).
iin-error-format = ИИН состоит ровно из 12 цифр. Проверьте, пожалуйста, и введите ещё раз.
iin-error-century = В ИИН седьмая цифра должна быть от 1 до 6. Проверьте, пожалуйста, номер.
iin-error-date = Первые шесть цифр ИИН — дата рождения (ГГММДД), а здесь такой даты нет. Проверьте, пожалуйста, номер.
iin-error-before-1900 = По этому ИИН человек родился до 1900 года — так не бывает. Проверьте, пожалуйста, седьмую цифру: у родившихся в 1900-х это 3 или 4, с 2000 года — 5 или 6.
iin-error-future = Дата рождения в этом ИИН ещё не наступила. Проверьте, пожалуйста, номер.
iin-error-saved-self = Этот ИИН сохранён у вас как ваш собственный («Я сам(а)»). Вернитесь назад и выберите «Я сам(а)» или проверьте номер.
iin-error-saved-other = Этот ИИН сохранён у вас как ИИН другого человека. Вернитесь назад и выберите «Другой человек» или проверьте номер.
iin-error-checksum = Похоже, в ИИН опечатка: не сходится контрольная цифра. Проверьте номер и введите ещё раз.
iin-error-minor-self = По этому ИИН человеку нет 18 лет. Несовершеннолетнего записывает родитель или законный представитель: нажмите «Назад» и выберите «Другой человек».
ask-representative = Этому человеку нет 18 лет. Записать его может только родитель или законный представитель. Подтвердите, пожалуйста, что это вы.
button-representative-yes = Да, я родитель / законный представитель
button-representative-no = Нет, я не родитель и не представитель
representative-not = Записать ребёнка может только его родитель или законный представитель (например, опекун или попечитель). Попросите их записать ребёнка через этого бота или позвоните в клинику: { $phone }. Если ИИН введён с ошибкой, введите его заново.
ask-name-self = Введите ваши фамилию, имя и отчество (если есть), например: Сейтқали Айгерім Нұрланқызы.
ask-name-other = Введите фамилию, имя и отчество (если есть) человека, который придёт на приём.
name-error-characters = В ФИО могут быть только буквы (кириллица или латиница), пробел, дефис и апостроф. Введите, пожалуйста, ещё раз.
name-error-mixed-script = В одном слове смешаны русские и латинские буквы. Наберите, пожалуйста, каждое слово одной раскладкой.
name-error-word-count = Нужно от двух до четырёх слов: фамилия, имя и, если есть, отчество.
name-error-initials = Похоже, это инициалы. Напишите, пожалуйста, фамилию и имя полностью (и отчество, если есть), как в документах.
name-error-length = ФИО получилось слишком коротким или слишком длинным. Проверьте, пожалуйста.
ask-phone = Укажите номер мобильного телефона для связи, например +7 701 234 56 78.
button-share-phone = 📱 Поделиться номером
phone-error-format = Это не похоже на номер телефона. Напишите, например: +7 701 234 56 78 или 8 701 234 56 78.
# The clinic's phone is offered to those who have no Kazakhstan mobile: they can still book by calling.
phone-error-country = Это не казахстанский номер, а в боте можно указать только казахстанский мобильный (+7 7xx …). Если такого номера нет, позвоните, пожалуйста, в клинику: { $clinicPhone }.
phone-error-not-mobile = Это не мобильный номер (похоже на городской), а в боте можно указать только казахстанский мобильный (+7 7xx …). Если такого номера нет, позвоните, пожалуйста, в клинику: { $clinicPhone }.
phone-saved = Номер { $phone } записан.

## Booking: the appointment
ask-service =
    Выберите услугу:

    { $services }
# One service in the service question: its name and what it is, from the catalogue.
service-described = { $name }: { $description }
service-age-question = { $service } — услуга для пациентов { $range }, а пациенту { $age } { $age ->
        [one] год
        [few] года
       *[many] лет
    }. Всё равно записать на неё?
service-ages-between = от { $min } до { $max } лет
service-ages-from = от { $min } лет
service-ages-under = младше { $limit } лет
button-service-age-go-on = Да, записать на эту услугу
button-service-age-other = Выбрать другую услугу
ask-doctor = Выберите специалиста:
ask-day = Выберите день (показаны дни со свободным временем в ближайшие 2 недели):
button-any-doctor = Любой специалист, ближайшее время: { $when }
button-earliest-slot = Ближайшее время: { $when }
ask-time = Свободное время { $day }:
no-services = Сейчас запись закрыта: нет доступных услуг. Попробуйте позже или позвоните нам (/help).
no-free-days = У этого специалиста нет свободного времени в ближайшие 2 недели. Выберите, пожалуйста, другого специалиста.
no-free-times = В этот день свободного времени уже не осталось. Выберите другой день.
slot-gone = Выбранное время больше недоступно. Давайте выберем заново.

## Summary and confirmation
summary =
    Проверьте, пожалуйста:
    Кто придёт: { $relation }
    ФИО: { $name }
    ИИН: { $iin }
    Телефон: { $phone }
    Услуга: { $service }
    Специалист: { $doctor }
    Когда: { $when }
    Адрес: { $address }
summary-relation-self = вы сами
summary-relation-other = другой человек
summary-relation-child = ваш ребёнок (младше 18 лет); вы — его законный представитель
# Shown under the summary when a typed IIN is a person the chat already saved, with other details.
summary-saved-changes =
    Этот человек уже сохранён у вас. Подтвердив запись, вы измените его данные:
    { $changes }
    Предстоящих записей этого человека, которые покажут новые данные: { $upcoming }
summary-saved-change = { $field }: { $old } → { $new }
button-confirm = ✅ Подтвердить
button-change = ✏️ Изменить
ask-change = Что изменить?
button-change-who = Кто придёт
button-change-iin = ИИН
button-change-name = ФИО
button-change-phone = Телефон
button-change-service = Услугу
button-change-doctor = Специалиста
button-change-day = День и время
# Who comes is named: "Вы" for oneself, the name for someone else (a child, a relative).
booked =
    { $who ->
        [self] Вы записаны!
       *[other] { $name } записан(а) на приём.
    } Номер записи: { $number }
    { $date }, { $time }
    { $service }, специалист: { $doctor }
    Адрес: { $address }{ $map }
    Телефон клиники: { $phone }
    С собой: { $bring }
    Посмотреть, перенести или отменить запись: /appointments
booked-map = На карте: { $url }
booked-bring-adult = удостоверение личности.
booked-bring-child = свидетельство о рождении ребёнка и ваше удостоверение личности (законного представителя).
slot-taken = К сожалению, это время только что занял другой человек.
# Fair use (limits set by the fund in the configuration): who and what is already held is named.
booking-overlap = В это время { $name } уже записан(а): { $date }, { $time }, { $service }. У одного человека две записи не могут совпадать по времени — выберите, пожалуйста, другое время.
booking-limit-person = Предстоящих записей у этого человека: { $max } — это наибольшее число. Чтобы записаться снова, отмените ненужную запись: /appointments
booking-limit-person-service = Предстоящих записей у этого человека на эту услугу: { $max } — это наибольшее число. Выберите другую услугу или отмените ненужную запись: /appointments
booking-limit-account = Предстоящих записей из этого чата: { $max } — это наибольшее число. Чтобы записаться снова, отмените ненужную запись: /appointments
# Confirm pressed again for a draft that was already booked (the first reply was lost, e.g. to a restart).
booked-already = Эта запись уже сделана и в силе, второй раз она не создаётся:
booking-draft-cancelled = Запись по этому черновику уже была сделана и затем отменена. Чтобы записаться снова, отправьте /book.
ask-alternative = Ближайшее свободное время у этого специалиста:
button-other-day = Выбрать другой день

## Navigation inside the dialogue
button-back = ← Назад
button-cancel = ✖ Прервать запись
booking-cancelled = Запись прервана, черновик удалён. Чтобы начать заново, отправьте /book.
booking-draft-expired = Незаконченная запись удалена: к ней не возвращались { $hours } часов, а данные незаконченной записи мы дольше не храним. Чтобы записаться, начните заново: /book.
nothing-to-cancel = Сейчас нечего прерывать. Чтобы отменить уже сделанную запись, откройте /appointments.
button-outdated = Эта кнопка уже не действует.
button-answered = ✓ { $label }
answer-text-please = Пожалуйста, ответьте текстом.
answer-use-buttons = Пожалуйста, выберите один из вариантов ниже.
command-during-dialogue = Сейчас идёт запись. Ответьте, пожалуйста, на вопрос ниже или отправьте /cancel, чтобы прервать её.
booking-leave-question = Сейчас идёт запись на приём. Продолжить её или прервать?
button-dialogue-continue = Продолжить
button-dialogue-leave-for-book = Прервать и начать новую запись
button-dialogue-leave-for-appointments = Прервать и открыть мои записи

## Appointments
appointments-none = У вас нет предстоящих записей. Записаться: /book
appointments-heading = { $count ->
    [one] У вас { $count } предстоящая запись:
    [few] У вас { $count } предстоящие записи:
   *[other] У вас { $count } предстоящих записей:
}
appointment-item =
    № { $number }: { $date }, { $time }
    { $service }, специалист: { $doctor }
    Пациент: { $patient }
button-cancel-booking = Отменить эту запись
appointment-cancel-confirm =
    Отменить запись?
    { $details }
button-cancel-booking-yes = Да, отменить
button-cancel-booking-no = Нет, оставить
appointment-cancelled = Запись № { $number } отменена. Мы предупредили сотрудников.
appointment-kept = Хорошо, запись остаётся в силе.
appointment-not-found = Эта запись не найдена среди ваших предстоящих записей.
appointment-already-cancelled = Эта запись уже отменена.
appointment-past = Время этой записи уже прошло, отменить её нельзя.

## Reminders (issue 10): the day before and two hours before the appointment.
reminder =
    Напоминаем о записи № { $number }.
    Кто придёт: { $patient }
    Когда: { $date }, { $time }
    { $service }, специалист: { $doctor }
    Адрес: { $address }
button-reminder-come = Приду
button-reminder-cancel = Отменить
reminder-confirmed = Спасибо! Записали, что вы придёте. Ждём вас: { $date }, { $time }.
reminder-already-confirmed = Вы уже подтвердили визит.
reminder-past = Время этой записи уже наступило.

## Help and the rest
help =
    Этот бот записывает на приём в проекте { -project }. Его ведёт { -fund }.
    { $clinic }
    Адрес: { $address }
    Телефон: { $phone }

    Команды:
    /book — записаться на приём
    /appointments — мои записи (посмотреть, перенести, отменить)
    /cancel — прервать текущую запись или исправление данных
    /policy — политика конфиденциальности
    /mydata — какие данные о вас хранятся (и файл с копией)
    /edit — исправить ФИО, телефон или ИИН
    /block — приостановить обработку данных или снять блокировку
    /delete — удалить все ваши данные
    /withdraw — отозвать согласие на обработку данных
    /lang — сменить язык
    /help — эта справка

    Вопросы о ваших персональных данных можно задать фонду по телефону выше. Вы также вправе обратиться в уполномоченный орган по защите персональных данных — { -authorized-body }.
fallback = Я вас не совсем понял. Чтобы записаться, отправьте /book; справка — /help.
unknown-command = Такой команды нет. Список команд — /help.
error-generic = Извините, что-то пошло не так. Уже сохранённые данные в порядке; попробуйте, пожалуйста, ещё раз.
# Sent once when a chat sends far more messages than a person types; the rest of the burst is not read.
too-many-messages = Вы отправляете сообщения слишком быстро. Подождите, пожалуйста, несколько секунд и ответьте ещё раз.

## Command menu
command-start = Начать
command-book = Записаться на приём
command-appointments = Мои записи
command-cancel = Прервать текущую запись
command-policy = Политика конфиденциальности
command-lang = Сменить язык
command-help = Справка и контакты
# The staff group's menu (in STAFF_LOCALE).
command-staff-today = Записи на сегодня
command-staff-tomorrow = Записи на завтра
command-staff-day = Записи на дату: /day 2026-12-15 [специалист]

## Staff group
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-console = консоль
staff-booked =
    🆕 Новая запись { $number } ({ $channel })
    Услуга: { $service }
    Специалист: { $doctor }
    Время: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }
staff-session = { $service }, занятие { $number } из { $count }
staff-course-cancelled =
    ❌ Пациент отменил оставшиеся занятия курса ({ $channel }): { $count }
    Услуга: { $service }
    Специалист: { $doctor }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }
    Отменённые записи:
    { $sessions }
staff-iin-claimed-elsewhere = ⚠️ Этот ИИН ещё в одном чате указан как «я сам(а)». Проверьте документ, удостоверяющий личность, на приёме.
staff-cancelled =
    ❌ Запись { $number } отменена пациентом ({ $channel })
    Услуга: { $service }
    Специалист: { $doctor }
    Время: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }

# The alert of a booking, edited to show its state; the buttons reception acts with.
staff-card =
    📋 Запись { $number } ({ $channel })
    Когда: { $when }
    Услуга: { $service }
    Специалист: { $doctor }
    Пациент: { $patient } — { $who }
    Телефон: { $phone }
    ИИН: { $iin }
    Перезванивать на языке: { $language }
    Состояние: { $state }
staff-digest-heading = 🆕 Новые записи: { $count }. Нажмите номер, чтобы открыть запись и отметить визит, отменить или увидеть ИИН.
staff-digest-line = • { $number } ({ $channel }): { $when }, { $service }, { $doctor } — { $patient }{ $minor }, { $phone }, ИИН { $iin }, язык: { $language }{ $claimed }
staff-digest-claimed = ⚠️ ИИН указан ещё в одном чате как «я сам(а)»
button-staff-open = Открыть { $number }
staff-card-erased = 🗑 Запись { $number }: данные пациента удалены по его требованию, время освобождено.
staff-language-ru = русский
staff-language-kk = казахский
staff-who-self = записался(-ась) сам(а)
staff-who-other = взрослый, записан(а) другим человеком
staff-who-minor = ребёнок, { $age ->
        [one] { $age } год
        [few] { $age } года
       *[other] { $age } лет
    }; записал(а) родитель или законный представитель
staff-minor-marker = 👶 { $age ->
        [one] { $age } год
        [few] { $age } года
       *[other] { $age } лет
    }
staff-state-booked = записан(а)
staff-state-confirmed = пациент подтвердил(а) визит
staff-state-attended = ✅ пришёл(пришла)
staff-state-no_show = 🚫 не пришёл(не пришла)
staff-state-cancelled = отменена
staff-state-cancelled-by-patient = ❌ отменена пациентом
staff-state-cancelled-by-staff = ❌ отменена клиникой: { $reason }
button-staff-attended = ✅ Пришёл
button-staff-no-show = 🚫 Не пришёл
button-staff-cancel = Отменить
button-staff-show-iin = Показать ИИН
button-staff-back = « Назад
staff-cancel-why = Почему отменяете? Причину увидит пациент.
staff-not-member = Действовать здесь могут только участники группы сотрудников.
staff-recorded-attended = Отмечено: пациент пришёл.
staff-recorded-no_show = Отмечено: пациент не пришёл.
staff-visit-refused-not_found = Такой записи больше нет.
staff-visit-refused-cancelled = Запись отменена: визит отметить нельзя.
staff-visit-refused-before_the_day = День приёма ещё не наступил: отметить визит можно с этого дня.
staff-cancel-refused-not_found = Такой записи больше нет.
staff-cancel-refused-not_open = Эту запись уже нельзя отменить: она отменена или визит отмечен.
staff-cancel-refused-past = Время приёма прошло: такую запись не отменяют, а отмечают визит.
staff-cancelled-patient-told = Запись отменена, пациенту сообщено.
staff-cancelled-patient-pending = Запись отменена, но сообщение пациенту пока не ушло: бот повторит попытку. Если приём скоро, позвоните ему.
staff-cancelled-patient-not-told = Запись отменена, но пациенту в чат сообщить не удалось. Пожалуйста, позвоните ему.
staff-booking-not-found = Такой записи больше нет.
staff-iin-popup = ИИН по записи { $number }: { $iin }
staff-day-heading = 🗓 Записи на { $day } ({ $date })
staff-day-closed = Клиника закрыта: { $name }.
staff-day-empty = В этот день нет ни записей, ни свободного времени.
staff-day-no-bookings = записей нет
staff-day-booking = { $time } — { $state } — { $patient }{ $minor }, { $phone }, ИИН { $iin } (№ { $number }){ $session }
staff-day-free = Свободно: { $times }
staff-day-no-free = Свободного времени не осталось.
staff-day-usage = Укажите дату так: /day 2026-12-15 (и, если нужно, фамилию специалиста).
staff-day-no-specialist = Специалист «{ $query }» в каталоге не найден.
staff-absence-summary =
    🩺 Специалист отсутствует: { $doctor }, с { $from } по { $to } ({ $reason }).
    Отменено записей: { $cancelled }. Пациентам сообщено в чате: { $told }. Нужно позвонить: { $toCall }.
    Выбрали новое время в чате: { $rebooked } из { $cancelled }.
    На эти дни к специалисту больше не записывают.
staff-doctor-removed-summary =
    🩺 Специалиста больше нет в каталоге: { $doctor }.
    Отменено записей: { $cancelled }. Пациентам сообщено в чате: { $told }. Нужно позвонить: { $toCall }.
cancel-reason-specialist_absent = специалист не сможет принять
cancel-reason-clinic_closed = клиника в этот день закрыта
cancel-reason-patient_asked = по просьбе пациента
cancel-reason-duplicate = повторная запись

## A booking cancelled by staff, as the patient is told
patient-cancelled-by-clinic =
    К сожалению, клиника отменила вашу запись № { $number }: { $when }, { $service }, врач { $doctor }.
    Причина: { $reason }.
    Чтобы выбрать другое время, отправьте /start.
patient-cancelled-by-clinic-rebook =
    К сожалению, клиника отменила вашу запись № { $number }: { $when }, { $service }, врач { $doctor }.
    Причина: { $reason }.
    Выберите новое время кнопкой ниже — номер записи останется прежним. Если подходящего времени нет, встаньте в лист ожидания через /book.
button-rebook = Выбрать новое время

## WhatsApp
# WhatsApp has no buttons: the bot's options are sent as a numbered list and the person answers with a number.
# The option that shares the sender's own phone number (shown only when WhatsApp tells us the number).
whatsapp-use-this-number = Использовать этот номер: { $phone }
# A number outside the list, or a typed answer that matches no option.
whatsapp-choose-number =
    { $count ->
        [1] Пожалуйста, ответьте цифрой 1.
       *[other] Пожалуйста, ответьте номером варианта — числом от 1 до { $count }.
    }
# A photo, file, voice message, location or contact card.
whatsapp-text-only = Я понимаю только текст: фотографии, файлы, голосовые сообщения и геопозицию прочитать не могу. Пожалуйста, ответьте текстом.
