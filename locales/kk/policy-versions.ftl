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
