#include "ui/i18n.h"

#include <array>

namespace starling::ui {
namespace {

struct Pair {
    const char* en;
    const char* ru;
};

// Indexed by S; the static_assert keeps the table and the enum in step.
constexpr std::array<Pair, static_cast<std::size_t>(S::Count)> kStrings{{
    {"Starling", "Starling"},
    {"Chat over XMPP", "Чат по XMPP"},
    {"Address (user@server)", "Адрес (user@server)"},
    {"e.g. alice@example.org", "например, alice@example.org"},
    {"Password", "Пароль"},
    {"Advanced", "Дополнительно"},
    {"WebSocket URL", "Адрес WebSocket"},
    {"Leave empty to discover it from the server", "Оставьте пустым, чтобы узнать у сервера"},
    {"Remember me on this device", "Запомнить меня на этом устройстве"},
    {"Allow PLAIN (password sent as is)", "Разрешить PLAIN (пароль передаётся как есть)"},
    {"Only for servers without SCRAM, over a secure connection.",
     "Только для серверов без SCRAM и по защищённому соединению."},
    {"Log in", "Войти"},
    {"Create account", "Создать аккаунт"},
    {"Please wait…", "Подождите…"},
    {"Language", "Язык"},
    {"Cancel", "Отмена"},
    {"Contacts", "Контакты"},
    {"Add contact", "Добавить контакт"},
    {"Contact address", "Адрес контакта"},
    {"Name (optional)", "Имя (необязательно)"},
    {"Add", "Добавить"},
    {"Rename", "Переименовать"},
    {"Remove", "Удалить"},
    {"Remove this contact?", "Удалить этот контакт?"},
    {"Save", "Сохранить"},
    {"Accept", "Принять"},
    {"Deny", "Отклонить"},
    {"wants to add you as a contact", "хочет добавить вас в контакты"},
    {"pending", "ожидает"},
    {"No contacts yet. Add one by address.", "Контактов пока нет. Добавьте контакт по адресу."},
    {"Settings", "Настройки"},
    {"Back", "Назад"},
    {"Status message", "Статус"},
    {"Log out", "Выйти"},
    {"Log out and forget local data", "Выйти и удалить данные на устройстве"},
    {"This deletes the history stored on this device. Continue?",
     "История, сохранённая на этом устройстве, будет удалена. Продолжить?"},
    {"Signed in as", "Вы вошли как"},
    {"Me", "Я"},
    {"Message", "Сообщение"},
    {"Send", "Отправить"},
    {"No messages yet.", "Сообщений пока нет."},
    {"Choose a contact to start chatting.", "Выберите контакт, чтобы начать разговор."},
    {"Copy", "Копировать"},
    {"Storage on this device is not working: history may not be kept here. Free some disk space or allow this "
     "site to store data, then reload the page.",
     "Хранилище на этом устройстве не работает: история может не сохраниться. Освободите место на диске или "
     "разрешите сайту хранить данные, затем перезагрузите страницу."},
    {"Dismiss", "Скрыть"},
    {"encrypted", "зашифровано"},
    {"Not delivered:", "Не доставлено:"},
    {"unknown", "неизвестно"},
    {"typing…", "печатает…"},
    {"Load missing messages", "Загрузить пропущенные сообщения"},
    {"Loading older messages…", "Загрузка более ранних сообщений…"},
    {"Start of the conversation", "Начало переписки"},
    {"Read", "Прочитано"},
    {"Search messages…", "Поиск сообщений…"},
    {"Searching… %zu messages checked", "Поиск… проверено сообщений: %zu"},
    {"Nothing found", "Ничего не найдено"},
    {"Showing the first %zu results", "Показаны первые %zu результатов"},
    {"Show more", "Показать ещё"},
    {"Show earlier", "Показать раньше"},
    {"Copy whole message", "Копировать всё сообщение"},
    {"%zu of %zu KB shown", "показано %zu из %zu КБ"},
    {"Send again", "Отправить снова"},
    {"Reconnect now", "Подключиться сейчас"},
}};

const char* pick(Lang lang, const Pair& p) { return lang == Lang::Ru ? p.ru : p.en; }

}  // namespace

const char* tr(Lang lang, S key) {
    auto index = static_cast<std::size_t>(key);
    if (index >= kStrings.size()) return "";
    return pick(lang, kStrings[index]);
}

Lang langFromTag(std::string_view tag) {
    if (tag.size() >= 2 && (tag[0] == 'r' || tag[0] == 'R') && (tag[1] == 'u' || tag[1] == 'U')) return Lang::Ru;
    return Lang::En;
}

const char* langTag(Lang lang) { return lang == Lang::Ru ? "ru" : "en"; }

const char* connectionText(Lang lang, model::Connection connection) {
    using C = model::Connection;
    switch (connection) {
        case C::LoggedOut: return pick(lang, {"Logged out", "Не в сети"});
        case C::Discovering: return pick(lang, {"Looking up the server…", "Ищем сервер…"});
        case C::Connecting: return pick(lang, {"Connecting…", "Соединение…"});
        case C::Authenticating: return pick(lang, {"Signing in…", "Вход…"});
        case C::Online: return pick(lang, {"Online", "В сети"});
        case C::Reconnecting: return pick(lang, {"Connection lost, reconnecting…", "Связь потеряна, переподключаемся…"});
        case C::Failed: return pick(lang, {"Could not connect", "Не удалось подключиться"});
    }
    return "";
}

const char* showText(Lang lang, model::Show show) {
    using Sh = model::Show;
    switch (show) {
        case Sh::Available: return pick(lang, {"Available", "В сети"});
        case Sh::Chat: return pick(lang, {"Free to chat", "Готов поболтать"});
        case Sh::Away: return pick(lang, {"Away", "Отошёл"});
        case Sh::ExtendedAway: return pick(lang, {"Away for long", "Давно отошёл"});
        case Sh::DoNotDisturb: return pick(lang, {"Do not disturb", "Не беспокоить"});
        case Sh::Offline: return pick(lang, {"Offline", "Не в сети"});
    }
    return "";
}

const char* statusMark(model::MessageStatus status) {
    using M = model::MessageStatus;
    switch (status) {
        case M::Queued: return "…";
        case M::Sent: return "✓";
        case M::Delivered: return "✓✓";
        case M::Displayed: return "✓✓";
        case M::Failed: return "!";
        case M::Received: return "";
    }
    return "";
}

const char* problemText(Lang lang, std::string_view code) {
    struct Entry {
        std::string_view code;
        Pair text;
    };
    static constexpr Entry kProblems[] = {
        {"auth-failed", {"Wrong address or password. Check both and try again.",
                         "Неверный адрес или пароль. Проверьте их и попробуйте снова."}},
        {"unreachable", {"The server cannot be reached. Check the address and your connection.",
                         "Сервер недоступен. Проверьте адрес и подключение к сети."}},
        {"no-endpoint", {"This server does not offer a WebSocket endpoint. Enter its URL under Advanced.",
                         "Сервер не сообщает адрес WebSocket. Укажите его в разделе «Дополнительно»."}},
        {"registration-conflict", {"This name is already taken. Choose another one.",
                                   "Это имя уже занято. Выберите другое."}},
        {"registration-closed", {"This server does not allow creating accounts here. Create one on the server's "
                                 "website, or choose another server.",
                                 "Этот сервер не разрешает создавать аккаунты здесь. Создайте аккаунт на сайте "
                                 "сервера или выберите другой сервер."}},
        {"registration-not-acceptable", {"The server did not accept this name or password. Try another name or a "
                                         "longer password.",
                                         "Сервер не принял это имя или пароль. Попробуйте другое имя или пароль "
                                         "длиннее."}},
        {"invite-invalid", {"This invitation is not valid (it may have expired or been used). Ask for a new one.",
                            "Приглашение недействительно (возможно, оно истекло или уже использовано). Попросите новое."}},
        {"bad-jid", {"This address is not valid. Use the form user@server.",
                     "Неправильный адрес. Используйте вид user@server."}},
        {"server-error", {"The server reported an error. Try again later; if it keeps happening, tell the "
                          "server's administrator.",
                          "Сервер сообщил об ошибке. Попробуйте позже; если ошибка повторяется, сообщите "
                          "администратору сервера."}},
        {"no-mechanism", {"No safe way to sign in is offered. Allow PLAIN under Advanced only if you trust the "
                          "connection.",
                          "Сервер не предлагает безопасного способа входа. Разрешите PLAIN в разделе "
                          "«Дополнительно», только если доверяете соединению."}},
    };
    for (const auto& e : kProblems) {
        if (e.code == code) return pick(lang, e.text);
    }
    return pick(lang, {"Something went wrong. Try again; if it keeps happening, reload the page.",
                       "Что-то пошло не так. Попробуйте снова; если не помогает, перезагрузите страницу."});
}

const char* noticeText(Lang lang, std::string_view code) {
    if (code.starts_with("upload-") && *mediaText(lang, code)) return mediaText(lang, code);  // shared files
    if (code == "contact-removed") return pick(lang, {"Contact removed.", "Контакт удалён."});
    if (code == "contact-added") return pick(lang, {"Contact request sent.", "Запрос отправлен."});
    if (code == "subscription-denied") return pick(lang, {"Request denied.", "Запрос отклонён."});
    if (code == "bad-jid")
        return pick(lang, {"That address is not valid. Use the form user@server.",
                           "Неправильный адрес. Используйте вид user@server."});
    if (code == "offline") return pick(lang, {"Not connected: try again when online.", "Нет соединения: повторите, когда появится связь."});
    if (code == "omemo-new-device")
        return pick(lang, {"A contact has a new encryption device: see Fingerprints.",
                           "У контакта новое устройство шифрования: см. «Отпечатки»."});
    if (code == "omemo-new-own-device")
        return pick(lang, {"Your account has a new encryption device: see Fingerprints.",
                           "У вашей учётной записи новое устройство шифрования: см. «Отпечатки»."});
    if (code == "omemo-identity-changed")
        return pick(lang, {"A device's identity key changed: it is no longer used. Check its fingerprint.",
                           "Ключ устройства изменился: оно больше не используется. Проверьте отпечаток."});
    if (code == "roster-error")
        return pick(lang, {"The server refused the change to your contacts. Try again later.",
                           "Сервер отказал в изменении списка контактов. Попробуйте позже."});
    if (code == "bad-room" || code == "room-moderation-failed") return roomText(lang, code);
    if (code == "blocked") return pick(lang, {"Blocked.", "Заблокировано."});
    if (code == "unblocked") return pick(lang, {"Unblocked.", "Разблокировано."});
    if (code == "blocking-error")
        return pick(lang, {"The server did not change the blocked list. Try again later.",
                           "Сервер не изменил список заблокированных. Попробуйте позже."});
    return nullptr;
}

const char* omemoText(Lang lang, std::string_view key) {
    struct Entry {
        std::string_view key;
        Pair text;
    };
    static constexpr Entry kOmemo[] = {
        {"lock", {"🔒", "🔒"}},
        {"unencrypted", {"unencrypted", "не зашифровано"}},
        {"undecryptable", {"Could not decrypt this message (device %u). Ask the sender to send it again.",
                           "Не удалось расшифровать сообщение (устройство %u). Попросите отправить его снова."}},
        {"private-sender-unknown",
         {"An encrypted private message through the room: the room does not show who sent it, so it cannot be "
          "decrypted here. Ask them to write to your own address instead.",
          "Зашифрованное личное сообщение через комнату: комната не показывает, кто его отправил, поэтому его "
          "здесь не расшифровать. Попросите написать на ваш собственный адрес."}},
        {"encryption-on", {"Encrypted", "Шифрование вкл."}},
        {"encryption-off", {"Not encrypted", "Без шифрования"}},
        {"fingerprints", {"Fingerprints", "Отпечатки"}},
        {"own-device", {"This device", "Это устройство"}},
        {"contact-devices", {"Contact's devices", "Устройства контакта"}},
        {"own-devices", {"Your other devices", "Ваши другие устройства"}},
        {"member-devices", {"Members' devices", "Устройства участников"}},
        {"no-devices", {"No encryption devices known.", "Устройства шифрования неизвестны."}},
        {"verify", {"Verified", "Проверено"}},
        {"distrust", {"Distrust", "Не доверять"}},
        {"verified", {"verified", "проверено"}},
        {"blind", {"trusted (not verified)", "доверено (не проверено)"}},
        {"untrusted", {"not trusted", "нет доверия"}},
        {"no-trusted-device", {"no trusted encryption device", "нет доверенного устройства шифрования"}},
        {"waiting-keys", {"Waiting for the encryption keys to send…", "Ждём ключи шифрования, чтобы отправить…"}},
        {"warn-untrusted", {"Warning: sent from device %u, which you do not trust.",
                            "Внимание: отправлено с устройства %u, которому вы не доверяете."}},
        {"warn-identity-changed", {"Warning: the identity key of device %u has changed.",
                                   "Внимание: ключ идентичности устройства %u изменился."}},
        {"qr-hint", {"Scan to verify this device:", "Отсканируйте, чтобы проверить это устройство:"}},
        {"qr-too-long", {"(too long for a QR code)", "(слишком длинно для QR-кода)"}},
    };
    for (const auto& e : kOmemo)
        if (e.key == key) return pick(lang, e.text);
    return "";
}

const char* blockingText(Lang lang, std::string_view key) {
    struct Entry {
        std::string_view key;
        Pair text;
    };
    static constexpr Entry kBlocking[] = {
        {"block", {"Block", "Заблокировать"}},
        {"unblock", {"Unblock", "Разблокировать"}},
        {"confirm", {"Block this address?", "Заблокировать этот адрес?"}},
        {"confirm-detail", {"Your server will no longer deliver anything from it: messages, requests, calls. To it "
                            "you will appear offline. You can unblock it later in Settings.",
                            "Сервер перестанет доставлять вам всё, что приходит с этого адреса: сообщения, запросы, "
                            "звонки. Для него вы будете не в сети. Разблокировать можно потом в настройках."}},
        {"banner", {"You blocked this contact: their messages do not reach you.",
                    "Вы заблокировали этот контакт: его сообщения до вас не доходят."}},
        {"banner-server", {"You blocked this contact's server: messages from anyone there do not reach you.",
                           "Вы заблокировали сервер этого контакта: сообщения от всех его пользователей до вас не доходят."}},
        {"title", {"Blocked", "Заблокированные"}},
        {"none", {"Nobody is blocked.", "Никто не заблокирован."}},
        {"address-hint", {"user@server, or a whole server", "user@server или целый сервер"}},
        {"unsupported", {"Your server does not offer blocking.", "Ваш сервер не поддерживает блокировку."}},
    };
    for (const auto& e : kBlocking)
        if (e.key == key) return pick(lang, e.text);
    return "";
}

}  // namespace starling::ui
