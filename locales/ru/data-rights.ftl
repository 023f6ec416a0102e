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

## Shared by /mydata, /block, /delete, /withdraw
data-rights-nothing-held = О вас ничего не хранится: персональных данных у нас нет. (Бот помнит только язык общения, если вы его выбирали.) Записаться: /book
button-data-rights-no = Нет, ничего не менять
data-rights-kept = Хорошо, ничего не меняем.
data-rights-stale = Эта кнопка устарела или относится не к вашим данным, поэтому ничего не изменилось. Отправьте команду ещё раз.

## /mydata: everything held, the processing facts, and the file
mydata-heading = Вот всё, что хранится о вас и о людях, которых вы записывали, на { $date }. Аккаунт создан { $created }. Полная копия — в файле в конце.
mydata-blocked-patient = Обработка ваших данных приостановлена по вашей просьбе с { $date }. Снять блокировку: /block.
mydata-blocked-admin = Обработка ваших данных приостановлена фондом по вашему заявлению с { $date }.
mydata-blocked-withdrawal = Вы отозвали согласие { $date }. Здесь осталось только то, что фонд обязан хранить по закону, и эти данные заблокированы.
mydata-person =
    { $name } — { $relation }
    ИИН: { $iin }
    Телефон: { $phone }
mydata-relation-self = это вы
mydata-relation-other = другой человек
mydata-relation-minor = другой человек, вы подтвердили, что вы его родитель или законный представитель
button-mydata-show-iin = Показать ИИН полностью
mydata-iin = ИИН — { $name }: { $iin }
mydata-iin-not-found = Этого человека нет среди ваших данных, поэтому ИИН не показан.
mydata-consents-heading = Согласия:
mydata-consent = • { $purpose }: { $decision }; политика { $version }; { $date }; { $status }
mydata-consent-processing = обработка персональных данных
mydata-consent-third-party = передача третьим лицам (п. 7 политики)
mydata-consent-granted = согласие дано
mydata-consent-declined = отказ
mydata-consent-active = действует
mydata-consent-ended = не действует с { $date } (отозвано или заменено новым ответом)
mydata-bookings-heading = Записи на приём:
mydata-bookings-none = Записей нет.
mydata-booking = • № { $number }: { $date } в { $time }, { $service }, врач { $doctor }; пациент: { $patient }; { $status }
mydata-booking-upcoming = предстоит
mydata-booking-past = время приёма прошло
mydata-booking-cancelled = отменена { $date }
mydata-processing-heading = Как обрабатываются ваши данные (политика конфиденциальности, версия { $version }):
mydata-purposes-heading = Цели (п. 3):
mydata-bases-heading = Правовые основания (п. 4):
mydata-retention-heading = Сроки хранения (п. 5):
mydata-recipients-heading = Кто получает данные:
mydata-rights = Ваши права (п. 8): /edit — исправить данные, /block — приостановить обработку, /delete — удалить данные, /withdraw — отозвать согласие.
mydata-file-caption = Полная копия ваших данных в файле JSON.
fact-purpose-system = обеспечение работы системы — поддержка онлайн-записи
fact-purpose-bookings = управление записями — создание записей на приём и управление ими
fact-purpose-notifications = уведомления — сообщения в этом чате (SMS и электронную почту бот не отправляет)
fact-purpose-improvement = улучшение сервиса — анализ и улучшение качества услуг
fact-purpose-law = соблюдение законодательства — выполнение его требований
fact-basis-consent = ваше явное согласие на обработку персональных данных
fact-basis-law = требования законодательства Республики Казахстан
fact-retention-bookings = активные записи — до завершения курса лечения
fact-retention-history = история записей — в соответствии с установленными стандартами
fact-retention-account = аккаунт — до отзыва согласия или удаления аккаунта
fact-retention-drafts = незавершённая запись (черновик) — 6 часов, затем удаляется
fact-recipient-staff = сотрудники фонда в его закрытой служебной группе: номер записи, услуга, врач, время, ФИО, телефон и ИИН со скрытыми цифрами
fact-recipient-third-parties = третьи лица — только с вашего отдельного согласия (п. 7); ваш ответ сейчас: { $answer }
fact-third-party-granted = согласие дано
fact-third-party-declined = не согласны
fact-third-party-withdrawn = согласие отозвано
fact-third-party-unanswered = вы ещё не отвечали
fact-appeal = Вы вправе обратиться в уполномоченный орган по защите персональных данных — { -authorized-body }.

## /block: restrict processing, and lift the restriction
block-confirm =
    Приостановить обработку ваших данных?
    Данные останутся в базе, но не будут использоваться: записаться будет нельзя, напоминаний и уведомлений не будет. Снять блокировку можно в любой момент той же командой /block.
block-upcoming = Предстоящих записей: { $count }. Они остаются в силе; отменить их можно в /appointments.
button-block-yes = Да, приостановить
block-done = Обработка ваших данных приостановлена. Данные сохранены, но не используются. Снять блокировку: /block.
block-already = Обработка ваших данных уже приостановлена. Снять блокировку: /block.
unblock-confirm =
    Обработка ваших данных приостановлена по вашей просьбе с { $date }.
    Снять блокировку? Бот снова сможет записывать вас на приём и присылать уведомления.
button-unblock-yes = Да, снять блокировку
unblock-done = Блокировка снята, обработка ваших данных возобновлена. Записаться: /book
unblock-already = Блокировка уже снята. Записаться: /book
block-by-admin = Обработку ваших данных приостановил фонд по вашему заявлению ({ $date }). Снять эту блокировку может только фонд: позвоните по телефону { $phone }.
block-by-withdrawal = Вы отозвали согласие { $date }, поэтому данные, которые фонд обязан хранить, уже заблокированы. Блокировка снимется, когда вы снова дадите согласие: /book.

## /delete: erase everything
delete-confirm =
    Удалить все ваши данные?
    Будет удалено всё: ФИО, ИИН и телефоны людей, которых вы записывали, все записи на приём — прошедшие и предстоящие, записи о согласиях и выбранный язык.
    Предстоящие записи будут отменены, сотрудники фонда получат уведомление. Восстановить данные будет нельзя.
button-delete-yes = Да, удалить всё
delete-done = Все ваши данные удалены.
delete-cancelled = Отменено предстоящих записей: { $count }, сотрудники фонда предупреждены.
delete-again = Чтобы снова записаться, отправьте /start.

## Command menu
command-mydata = Мои данные: что о вас хранится
command-block = Приостановить обработку данных или снять блокировку
command-delete = Удалить все мои данные
