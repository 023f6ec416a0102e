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
