// Group chat texts (room_view.cpp, room_list.cpp, room_dialogs.cpp) in English and Russian: the dialogs,
// the room header, the occupant list, and every Room::error code in plain words (what happened, what the
// person can do). None takes received text as a format: nicks and reasons are drawn beside them.
#include <string_view>

#include "ui/i18n.h"

namespace starling::ui {
namespace {

struct Entry {
    std::string_view key;
    const char* en;
    const char* ru;
};

constexpr Entry kRoomTexts[] = {
    // Chat list and dialogs.
    {"join-room", "Join group chat", "Войти в групповой чат"},
    {"create-room", "New group chat", "Новый групповой чат"},
    {"room-address", "Room address", "Адрес комнаты"},
    {"room-address-hint", "room@conference.example.org", "room@conference.example.org"},
    {"nickname", "Your nickname in the room", "Ваш ник в комнате"},
    {"room-password", "Room password", "Пароль комнаты"},
    {"join", "Join", "Войти"},
    {"create", "Create", "Создать"},
    {"private", "Private: for friends (members only, everyone sees who is who, kept when empty)",
     "Закрытая: для друзей (только участники, все видят, кто есть кто, сохраняется пустой)"},
    {"public", "Public: anyone can find and join it; not encrypted",
     "Открытая: любой может найти и войти; без шифрования"},
    {"members", "Invite (addresses, separated by commas or spaces)", "Пригласить (адреса через запятую или пробел)"},
    {"joining", "Joining…", "Вход в комнату…"},
    {"group-chat", "Group chat", "Групповой чат"},
    {"invitation", "invites you to a group chat:", "приглашает вас в групповой чат:"},
    {"stranger", "Not in your contacts.", "Нет в ваших контактах."},
    {"decline", "Decline", "Отклонить"},
    {"use-nick", "Use this nickname:", "Взять ник:"},
    // The open room.
    {"leave", "Leave", "Покинуть"},
    {"invite", "Invite", "Пригласить"},
    {"invite-address", "Address to invite", "Адрес приглашаемого"},
    {"participants", "Participants", "Участники"},
    {"back-to-chat", "Back to messages", "К сообщениям"},
    {"subject", "Subject:", "Тема:"},
    {"you", "(you)", "(вы)"},
    {"not-encrypted", "Not encrypted: this room is open, so its server and anyone who joins can read its messages.",
     "Без шифрования: комната открытая, её сервер и любой вошедший могут читать сообщения."},
    {"private-room", "Private room (members only), encryption turned off: its server can read its messages.",
     "Закрытая комната (только участники), шифрование отключено: её сервер может читать сообщения."},
    {"encrypted-room", "Encrypted (OMEMO): only the devices of this room's members can read its messages.",
     "Зашифровано (OMEMO): сообщения этой комнаты могут читать только устройства её участников."},
    {"left", "You left this room. Its history stays here.", "Вы покинули эту комнату. Её история сохранена."},
    {"join-again", "Join again", "Войти снова"},
    {"nick-changed", "Your nickname in this room is now:", "Ваш ник в этой комнате теперь:"},
    {"reason", "Reason:", "Причина:"},
    {"ok", "OK", "ОК"},
    {"kick", "Remove from the room (kick)", "Удалить из комнаты (выгнать)"},
    {"ban", "Ban from the room", "Запретить вход в комнату"},
    {"make-member", "Make a member", "Сделать членом комнаты"},
    // Private messages to an occupant (XEP-0045 §7.5), in a chat of their own: "nick (via room)".
    {"private-message", "Private message", "Личное сообщение"},
    {"via", "via", "через"},
    {"private-plain", "Private message through the room, not encrypted: the room's server can read it.",
     "Личное сообщение через комнату, без шифрования: сервер комнаты может его прочитать."},
    {"private-left", "You are not in this room now: private messages go only while you are in it.",
     "Вас сейчас нет в этой комнате: личные сообщения уходят, только пока вы в ней."},
    // Roles and affiliations in the occupant list.
    {"moderator", "moderator", "модератор"},
    {"participant", "participant", "участник"},
    {"visitor", "visitor (cannot write)", "гость (не может писать)"},
    {"owner", "owner", "владелец"},
    {"admin", "admin", "администратор"},
    {"member", "member", "член комнаты"},
    // Room::error codes.
    {"nick-conflict", "That nickname is taken in this room. Choose another.",
     "Этот ник в комнате уже занят. Выберите другой."},
    {"password-required", "This room needs a password.", "Для входа в эту комнату нужен пароль."},
    {"members-only", "This room is for members only: ask one of its owners to invite you.",
     "В эту комнату входят только участники: попросите владельца пригласить вас."},
    {"banned", "You are banned from this room.", "Вам запрещён вход в эту комнату."},
    {"not-found", "There is no such room, and the server does not let you create it.",
     "Такой комнаты нет, и сервер не разрешает её создать."},
    {"creation-restricted", "This server does not let you create rooms.", "Этот сервер не разрешает вам создавать комнаты."},
    {"room-full", "The room is full. Try again later.", "Комната заполнена. Попробуйте позже."},
    {"kicked", "A moderator removed you from this room (kicked). You may join it again.",
     "Модератор удалил вас из комнаты (выгнал). Вы можете войти снова."},
    {"removed-banned", "You were banned from this room: you cannot join it again.",
     "Вам запретили вход в эту комнату: войти снова нельзя."},
    {"removed-affiliation", "You were removed from this room: your membership was taken away.",
     "Вас удалили из комнаты: у вас отняли членство."},
    {"removed-members-only", "The room became members-only and you are not a member: you were removed.",
     "Комната стала только для участников, а вы не участник: вас удалили."},
    {"removed-shutdown", "The room's service shut down: you are no longer in the room.",
     "Служба комнат остановлена: вы больше не в комнате."},
    {"destroyed", "This room was closed for good by its owner.", "Владелец навсегда закрыл эту комнату."},
    {"removed", "You are no longer in this room.", "Вы больше не в этой комнате."},
    {"configuration-failed", "The room was created, but the server refused its settings.",
     "Комната создана, но сервер не принял её настройки."},
    {"join-failed", "Could not join the room.", "Не удалось войти в комнату."},
    // Notices (State::notice).
    {"bad-room", "That is not a valid room address or nickname.", "Неправильный адрес комнаты или ник."},
    {"room-moderation-failed", "The room refused: you may not have the rights for that.",
     "Комната отказала: возможно, у вас нет на это прав."},
};

}  // namespace

const char* roomText(Lang lang, std::string_view key) {
    for (const auto& e : kRoomTexts)
        if (e.key == key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

}  // namespace starling::ui
