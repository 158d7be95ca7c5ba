#pragma once
// A message body drawn with its XEP-0393 styles, links and XEP-0245 "/me" (core/im/styling.h), in our one
// font: strong is the text drawn twice 1 px apart, emphasis its vertices sheared, strike a line through,
// code (inline and block) on a tinted rounded background (a block neither wraps nor leaves its width), a
// quotation a bar per level at the left with dimmed text, a link in the link colour underlined (the hand
// cursor over it; a click opens an http(s) link through AppHooks::openUrl, an xmpp: URI its chat or the
// Join dialog). The directives stay, dimmed as Conversations does. "/me waves" reads "* Alice waves" in
// italics. Received text is only ever drawn with ImDrawList::AddText (never a label, ID or format);
// styledHeight measures exactly what drawStyled draws.
#include <string>
#include <string_view>

#include "core/im/styling.h"
#include "ui/views.h"

namespace starling::ui {

struct StyledBody {
    std::string owned;      // "* name action" for "/me"; empty otherwise
    std::string_view text;  // what is drawn: the body's part shown, or `owned`
    im::styling::Styled st;
    bool action = false;
};

// `part` is the part of the body shown; `fromStart`: it starts at the body's first byte (only then can
// it be a "/me" action); `actor` names who acts; `unstyled`: the sender asked for no styling (links stay).
StyledBody styleBody(std::string_view part, bool fromStart, std::string_view actor, bool unstyled = false);
float styledHeight(const Ctx& c, const StyledBody& b, float width);
// Draws at the cursor as one item of the available width (the context menu can follow it).
void drawStyled(Ctx& c, const StyledBody& b);

// What a click on a link does (drawStyled calls it; the test hook may too).
void openLink(Ctx& c, std::string_view uri);
// The link tooltip's words (i18n_styling.cpp): "open-link", "open-chat", "join-room"; "" if unknown.
const char* stylingText(Lang lang, std::string_view key);

}  // namespace starling::ui
