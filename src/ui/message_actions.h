#pragma once
// Message actions in the open chat (message_actions.cpp): the hover menu of a row (reply, edit, delete,
// react, copy), the "edited" mark (the original text on hover), "Message deleted", reaction chips with
// counts (who reacted on hover), the quote of the message a reply answers, and the composer's reply/edit
// bar (Up in an empty composer edits our last message). Strings: actionsText (i18n_actions.cpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "ui/i18n.h"

namespace starling::ui {

struct Ctx;

struct MessageActionsUi {
    std::string hoverChat, hoverId;    // the row under the mouse in the last frame
    std::string replyChat, replyId;    // the composer of replyChat answers this message
    std::string editChat, editId;      // the composer of editChat edits this message of ours
    std::string pickerChat, pickerId;  // the reaction picker is open for this message
    std::vector<std::string> recent;   // emoji used last, newest first
};

// "reply", "edit", "delete", "react", "copy", "edited", "deleted", "replying", "editing", "cancel",
// "original", "quote-missing", "reacted"; "" if unknown.
const char* actionsText(Lang lang, std::string_view key);

// A message with anything of the above: its row key must follow it (its height does).
bool hasActions(const model::Message& m);
std::string actionsKey(const model::Message& m);  // "" when none
// Lines the row adds for them (the quote above the body, the chips below; "deleted" replaces the body).
float actionsExtraHeight(Ctx& c, const std::string& jid, const model::Message& m, float width);
// The body's text as shown (deleted: the localized mark).
std::string_view shownBody(Ctx& c, const model::Message& m);

// In the header line, after the time: "edited" and, on a hovered row, the menu.
void headerActions(Ctx& c, const std::string& jid, const model::Message& m);
void replyQuote(Ctx& c, const std::string& jid, const model::Message& m);  // above the body
void reactionChips(Ctx& c, const std::string& jid, const model::Message& m);  // below the body
void noteRowHover(Ctx& c, const std::string& jid, const model::Message& m, float top);

// The composer: its bar (height it takes, then drawn), the Up key, and sending as a reply or an edit.
float composerBarHeight(const Ctx& c, const std::string& jid);
void composerBar(Ctx& c, const std::string& jid);
// Up in the empty, active composer: edit our newest message (its text into the draft). True when taken.
bool editLastOnUp(Ctx& c, const std::string& jid, std::string& draft, bool composerActive);
// Sends `text` as the pending reply or edit of this chat; false when none is pending.
bool sendAction(Ctx& c, const std::string& jid, const std::string& text);

}  // namespace starling::ui
