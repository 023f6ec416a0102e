# Data subject's rights (policy §8): /mydata, /edit, /block, /delete, /withdraw.

processing-blocked = Обработка ваших данных приостановлена по вашей просьбе, поэтому записать вас сейчас нельзя. Чтобы снять блокировку, отправьте /block.
staff-changed =
    ✏️ Изменены данные пациента в записи { $number } ({ $channel })
    Услуга: { $service }
    Врач: { $doctor }
    Время: { $date } { $time }
    Пациент: { $patient }
    Телефон: { $phone }
    ИИН: { $iin }
