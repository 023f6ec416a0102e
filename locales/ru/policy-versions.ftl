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
