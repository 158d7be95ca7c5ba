#pragma once
// English and Russian strings for every piece of UI text. Our strings may be printf formats; received
// text never is (it is only ever passed as a %s argument or to TextUnformatted).
#include <string_view>

#include "core/model/state.h"

namespace starling::ui {

enum class Lang { En, Ru };

enum class S {
    AppName, Tagline, Address, AddressHint, Password, Advanced, WebSocketUrl, WebSocketHint, RememberMe,
    AllowPlain, AllowPlainHint, LogIn, CreateAccount, Working, Language, Cancel,
    Contacts, AddContact, ContactAddress, ContactName, Add, Rename, Remove, RemoveConfirm, Save,
    Accept, Deny, WantsToAddYou, Pending, NoContacts, Settings, Back, StatusPlaceholder,
    LogOut, LogOutForget, LogOutForgetConfirm, SignedInAs, Me, Composer, Send, NoMessages,
    SelectChat, Copy, StorageError, Dismiss, Encrypted, MsgFailed, Unknown,
    Typing, LoadMissing, LoadingOlder, HistoryStart, Read,
    SearchHint, Searching, NothingFound, SearchTruncated,
    ShowMore, ShowEarlier, CopyWhole, ShownOfKb, SendAgain, ReconnectNow,
    Count
};

const char* tr(Lang lang, S key);
// "ru…" → Ru, anything else → En.
Lang langFromTag(std::string_view tag);
const char* langTag(Lang lang);
const char* connectionText(Lang lang, model::Connection connection);
const char* showText(Lang lang, model::Show show);
const char* statusMark(model::MessageStatus status);  // short symbol; "" for Received
// A login problem code (model::LoginProblem::code) in plain words; a generic text for unknown codes.
const char* problemText(Lang lang, std::string_view code);
// Why a message failed (the code of model::Message::error, e.g. a stanza error condition of RFC 6120
// §8.3.3 or "omemo-no-trusted-device"): what happened and what to do; a general text for other codes.
const char* messageErrorText(Lang lang, std::string_view code);
bool knownMessageError(std::string_view code);  // has a text of its own (not the general one)
// A notice code (model::State::notice) in plain words; nullptr if unknown (then it is not shown).
const char* noticeText(Lang lang, std::string_view code);
// OMEMO texts (omemo_view.cpp) by key: "lock", "unencrypted", "undecryptable" (format: %u = device),
// "encryption-on", "encryption-off", "fingerprints", "own-device", "contact-devices", "no-devices",
// "verify", "distrust", "verified", "blind", "untrusted", "no-trusted-device",
// "waiting-keys", "private-sender-unknown"; "" if unknown.
const char* omemoText(Lang lang, std::string_view key);
// Blocking texts (blocking_view.cpp) by key: "block", "unblock", "confirm", "confirm-detail", "banner",
// "banner-server", "title", "none", "address-hint", "unsupported"; "" if unknown.
const char* blockingText(Lang lang, std::string_view key);
// Group chat texts (i18n_rooms.cpp) by key: dialogs, room header, roles and affiliations, every
// model::Room::error code and the room notices; "" if unknown.
const char* roomText(Lang lang, std::string_view key);
// Shared-file texts (attachment_view.cpp, i18n_media.cpp) by key; the key itself if unknown.
const char* mediaText(Lang lang, std::string_view key);
// Call screen texts (i18n_calls.cpp) by key; "" if unknown. callEndedText: why the call ended, in words
// (State::call's reason, who ended it, another device of ours).
const char* callText(Lang lang, std::string_view key);
const char* callEndedText(Lang lang, const model::Call& call);
// Creating an account (signup_view.cpp, i18n_signup.cpp) by key, model::Signup problem codes included;
// "" if unknown.
const char* signupText(Lang lang, std::string_view key);

}  // namespace starling::ui
