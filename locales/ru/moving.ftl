# Moving a booking to another time (issue 10), from /appointments or a reminder; and the time before
# the appointment after which the patient calls the clinic instead (CHANGE_CUTOFF_HOURS).

button-move-booking = Перенести на другое время
button-reminder-move = Перенести
move-intro =
    Переносим запись:
    { $details }
    Номер записи останется прежним.
move-booking =
    № { $number }: { $when }
    { $service }, специалист: { $doctor }
    Пациент: { $patient }
move-summary =
    Перенести запись?
    Было: { $details }
    Станет: { $when }, специалист: { $doctor }
button-move-confirm = ✅ Перенести
move-button-keep = ✖ Оставить как было
move-cancelled = Хорошо, запись остаётся на прежнем времени.
move-command-during = Сейчас идёт перенос записи. Выберите, пожалуйста, новое время ниже или отправьте /cancel, чтобы оставить запись как была.
move-draft-expired = Перенос записи не закончен: к нему не возвращались { $hours } часов. Запись осталась на прежнем времени; чтобы перенести её, откройте /appointments.
move-done = Готово: запись № { $number } перенесена на { $when }. Мы предупредили сотрудников, напоминание придёт к новому времени.
move-already = Запись № { $number } уже перенесена на { $when }. Ничего больше делать не нужно.
move-overlap = В это время у этого человека уже есть другая запись ({ $when }). Выберите, пожалуйста, другое время.
move-too-late = До приёма осталось слишком мало времени, чтобы перенести запись в чате. Пожалуйста, позвоните в клинику: { $phone }.
cancel-too-late = До приёма осталось слишком мало времени, чтобы отменить запись в чате. Пожалуйста, позвоните в клинику: { $phone }.
reminder-change-by-phone = Если прийти не получается, позвоните, пожалуйста, в клинику: { $phone }.

staff-moved =
    🔁 Запись { $number } перенесена пациентом ({ $channel })
    Было: { $from }, { $fromDoctor }
    Стало: { $date } { $time }, { $doctor }
    Услуга: { $service }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }
