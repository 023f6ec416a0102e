# A new version of the privacy policy (policy §9): the notice, /policy, and accepting the new version.

# The notice sent to everyone who consented to an older version, when a new one is published.
policy-notice =
    📄 Біз құпиялылық саясатын жаңарттық. Жаңа { $version } нұсқасы күшіне енетін күн: { $date }.

    Не өзгерді:
    { $changes }

    Саясатты кез келген уақытта /policy командасы арқылы көре аласыз. { $date } күнінен бастап бот жазылуларыңызбен жұмыс істемес бұрын сізден жаңа нұсқаны қабылдауды сұрайды.

# /policy, after the version in force, while a published version waits for its date.
policy-upcoming =
    Жаңа { $version } нұсқасы күшіне енетін күн: { $date }.
    Не өзгереді:
    { $changes }
button-policy-version-full = 📄 { $version } нұсқасын оқу

# Asked before anything else is done with the data of someone who consented to an older version.
policy-update-heading = 📄 Құпиялылық саясаты өзгерді: жаңа { $version } нұсқасы қолданыста (күшіне енген күні: { $date }).
policy-update-changes =
    Не өзгерді:
    { $changes }
policy-update-accepted = Рақмет! { $version } нұсқасына келісіміңіз сақталды. Жалғастырайық: /appointments — жазылуларыңыз, /book — жаңа жазылу.
policy-update-declined =
    Түсінемін. Саясаттың жаңа нұсқасына келісім болмаса, ботта жазылу және жазылуларды басқару мүмкін емес. Алдағы жазылуларыңыз күшінде қалады; оларды клиника телефоны арқылы өзгертуге немесе олардан бас тартуға болады (/help).
    Қор деректеріңізді өңдемеуін қаласаңыз:
    • /withdraw — келісімді кері қайтарып алу: алдағы жазылулардан бас тартылады, деректер жойылады, тек қор заң бойынша сақтауға міндетті деректер қалады (олар бұғатталып, пайдаланылмайды);
    • /delete — барлық деректеріңізді жою және алдағы жазылулардан бас тарту.
    Жаңа нұсқаны кез келген уақытта қабылдауға болады: /book жіберіңіз.
