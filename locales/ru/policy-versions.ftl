# A new version of the privacy policy (policy §9): the notice, /policy, and accepting the new version.

# The notice sent to everyone who consented to an older version, when a new one is published.
policy-notice =
    📄 Мы обновили политику конфиденциальности. Новая версия { $version } вступает в силу { $date }.

    Что изменилось:
    { $changes }

    Политику можно посмотреть в любой момент командой /policy. С { $date } бот попросит вас принять новую версию, прежде чем работать с вашими записями.

# /policy, after the version in force, while a published version waits for its date.
policy-upcoming =
    Новая версия { $version } вступает в силу { $date }.
    Что изменится:
    { $changes }
button-policy-version-full = 📄 Читать версию { $version }

# Asked before anything else is done with the data of someone who consented to an older version.
policy-update-heading = 📄 Политика конфиденциальности изменилась: действует новая версия { $version } (с { $date }).
policy-update-changes =
    Что изменилось:
    { $changes }
policy-update-accepted = Спасибо! Ваше согласие с версией { $version } записано. Продолжим: /appointments — ваши записи, /book — новая запись.
policy-update-declined =
    Понимаю. Без согласия с новой версией политики записаться или управлять записями в боте нельзя. Ваши предстоящие записи остаются в силе; изменить или отменить их можно по телефону клиники (/help).
    Если вы не хотите, чтобы фонд обрабатывал ваши данные:
    • /withdraw — отозвать согласие: предстоящие записи отменяются, данные удаляются, кроме того, что фонд обязан хранить по закону (это блокируется и не используется);
    • /delete — удалить все ваши данные и отменить предстоящие записи.
    Принять новую версию можно в любой момент: отправьте /book.
