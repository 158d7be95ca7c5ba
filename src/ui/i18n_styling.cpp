// English and Russian strings of styled message bodies (styled_text.h): what a click on a link does.
#include "ui/styled_text.h"

namespace starling::ui {

const char* stylingText(Lang lang, std::string_view key) {
    struct Entry {
        const char* key;
        const char* en;
        const char* ru;
    };
    static const Entry kEntries[] = {
        {"open-link", "Open in a new tab", "Открыть в новой вкладке"},
        {"open-chat", "Open the chat", "Открыть чат"},
        {"join-room", "Join the group chat", "Войти в групповой чат"},
    };
    for (const Entry& e : kEntries)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

}  // namespace starling::ui
