// English and Russian strings of the message actions (message_actions.h).
#include <cstring>

#include "ui/message_actions.h"

namespace starling::ui {

const char* actionsText(Lang lang, std::string_view key) {
    struct Entry {
        const char* key;
        const char* en;
        const char* ru;
    };
    static const Entry kEntries[] = {
        {"reply", "Reply", "Ответить"},
        {"edit", "Edit", "Изменить"},
        {"delete", "Delete", "Удалить"},
        {"react", "React", "Реакция"},
        {"copy", "Copy", "Копировать"},
        {"edited", "edited", "изменено"},
        {"deleted", "Message deleted", "Сообщение удалено"},
        {"replying", "Reply to:", "Ответ на:"},
        {"editing", "Editing message", "Редактирование сообщения"},
        {"cancel", "Cancel", "Отмена"},
        {"original", "Original:", "Исходный текст:"},
        {"quote-missing", "Original message not found", "Исходное сообщение не найдено"},
        {"reacted", "Reacted:", "Реакции:"},
    };
    for (const Entry& e : kEntries)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

}  // namespace starling::ui
