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
move-intro-rebook =
    Выберем новое время вместо записи, которую отменила клиника:
    { $details }
    Номер записи останется прежним.
move-summary =
    Перенести запись?
    Было: { $details }
    Станет: { $when }, специалист: { $doctor }
button-move-confirm = ✅ Перенести
move-button-keep = ✖ Оставить как было
move-cancelled = Хорошо, запись остаётся на прежнем времени.
move-command-during = Сейчас идёт перенос записи. Выберите, пожалуйста, новое время ниже или отправьте /cancel, чтобы оставить запись как была.
move-leave-question = Сейчас идёт перенос записи. Продолжить его или прервать? Если прервать, запись останется на прежнем времени.
move-draft-expired = Перенос записи не закончен: к нему не возвращались { $hours } часов. Запись осталась на прежнем времени; чтобы перенести её, откройте /appointments.
move-done = Готово: запись № { $number } перенесена на { $when }. Мы предупредили сотрудников, напоминание придёт к новому времени.
move-done-rebook = Готово: запись № { $number } снова в силе — { $when }. Мы предупредили сотрудников, напоминание придёт к этому времени.
no-free-days-to-move = У этого специалиста нет свободного времени в ближайшие 2 недели, поэтому выбрать новое время сейчас не получится. Попробуйте, пожалуйста, позже: /appointments
move-no-specialist = Эту услугу сейчас не ведёт ни один специалист, поэтому выбрать новое время в чате нельзя. Пожалуйста, позвоните в клинику: { $phone }.
move-already = Запись № { $number } уже перенесена на { $when }. Ничего больше делать не нужно.
move-overlap = В это время у этого человека уже есть другая запись ({ $when }). Выберите, пожалуйста, другое время.
move-too-late = До приёма осталось слишком мало времени, чтобы перенести запись в чате. Пожалуйста, позвоните в клинику: { $phone }.
cancel-too-late = До приёма осталось слишком мало времени, чтобы отменить запись в чате. Пожалуйста, позвоните в клинику: { $phone }.
reminder-change-by-phone = Если прийти не получается, позвоните, пожалуйста, в клинику: { $phone }.

staff-state-moved = перенесена пациентом (было: { $from })
staff-moved =
    🔁 Запись { $number } перенесена пациентом ({ $channel })
    Было: { $from }, { $fromDoctor }
    Стало: { $date } { $time }, { $doctor }
    Услуга: { $service }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }

staff-rebooked =
    🔁 Пациент выбрал новое время вместо отменённой клиникой записи { $number } ({ $channel })
    Было: { $from }, { $fromDoctor }
    Стало: { $date } { $time }, { $doctor }
    Услуга: { $service }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }

## /absence in the staff group, for STAFF_ADMIN_IDS (the same as `npm run admin -- absence`).
staff-absence-usage = Отметить отсутствие специалиста: /absence фамилия 2026-12-15 2026-12-19 причина (вторая дата — если дней несколько).
staff-absence-admins-only = Отмечать отсутствие специалистов здесь могут только администраторы (STAFF_ADMIN_IDS). Можно также в командной строке: npm run admin -- absence
staff-absence-ambiguous = Под «{ $query }» подходят несколько специалистов: { $names }. Уточните, пожалуйста, фамилию.
staff-absence-confirm =
    Отметить отсутствие: { $doctor }, с { $from } по { $to } ({ $reason })?
    Записей на эти дни: { $affected }. Они будут отменены, пациентам сообщат в чате; к специалисту на эти дни больше не запишут.
button-staff-absence-yes = ✅ Отметить отсутствие
button-staff-absence-no = Не отмечать
staff-absence-kept = Отсутствие не отмечено, ничего не изменилось.
staff-absence-expired = Это подтверждение устарело. Отправьте /absence ещё раз.
staff-absence-not-yours = Подтвердить может только тот, кто отправил /absence.
staff-absence-recorded = Отсутствие отмечено, отменено записей: { $cancelled }. Сводка — в следующем сообщении.
staff-absence-refused-unknown_doctor = Такого специалиста нет в каталоге.
staff-absence-refused-period_reversed = Отсутствие заканчивается раньше, чем начинается: проверьте даты.
staff-absence-refused-period_past = Весь этот период уже прошёл: отмечать нечего.
