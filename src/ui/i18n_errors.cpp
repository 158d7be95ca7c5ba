// Why a message was not delivered, in plain words (English and Russian): every stanza error condition of
// RFC 6120 §8.3.3 as the reply to a message of ours, and the OMEMO failures the core marks a message with.
// Each says what happened and what the person can do.
#include <string_view>

#include "ui/i18n.h"

namespace starling::ui {
namespace {

struct Entry {
    std::string_view code;
    const char* en;
    const char* ru;
};

constexpr Entry kMessageErrors[] = {
    {"room-no-info",
     "The group chat did not say whether it is private, so this was not sent unencrypted. Send it again in a "
     "moment.",
     "Групповой чат не сообщил, закрытый ли он, поэтому сообщение не отправлено без шифрования. Отправьте его "
     "снова чуть позже."},
    {"not-in-room", "You are not in this room (removed, or refused): join it again, then send again.",
     "Вы не в этой комнате (удалены или не впущены): войдите снова и отправьте ещё раз."},
    {"bad-request", "The server found this message malformed. Send it again; if it fails again, report the problem.",
     "Сервер счёл сообщение некорректным. Отправьте его снова; если не выйдет, сообщите о проблеме."},
    {"conflict", "The server refused it because of a conflict with another session. Send it again.",
     "Сервер отклонил его из-за конфликта с другим сеансом. Отправьте снова."},
    {"feature-not-implemented",
     "The recipient's server or app does not support this kind of message. Send plain text, or reach the person "
     "another way.",
     "Сервер или приложение получателя не поддерживает такие сообщения. Отправьте обычный текст или свяжитесь "
     "иначе."},
    {"forbidden", "You may not send messages to this address (you may be blocked). Reach the person another way.",
     "Вам нельзя писать на этот адрес (возможно, вы заблокированы). Свяжитесь с человеком иначе."},
    {"gone", "This address no longer exists. Ask the person for their new address.",
     "Этого адреса больше нет. Узнайте у человека его новый адрес."},
    {"internal-server-error", "The server had an internal error. Send it again later.",
     "Внутренняя ошибка сервера. Отправьте позже."},
    {"item-not-found", "This address was not found. Check it for typos.",
     "Адрес не найден. Проверьте, нет ли в нём опечатки."},
    {"jid-malformed", "This address is not valid. Check it for typos.",
     "Адрес недействителен. Проверьте, нет ли в нём опечатки."},
    {"not-acceptable", "The recipient's server did not accept this message (it may be too long). Shorten it and send "
     "it again.",
     "Сервер получателя не принял сообщение (возможно, оно слишком длинное). Сократите его и отправьте снова."},
    {"not-allowed", "Messages to this address are not allowed. Reach the person another way.",
     "Сообщения на этот адрес запрещены. Свяжитесь с человеком иначе."},
    {"not-authorized", "Your account may not send this message. Log out and in again, then send it again.",
     "Вашему аккаунту нельзя отправить это сообщение. Выйдите, войдите снова и повторите отправку."},
    {"policy-violation", "The server refused it under its rules (a spam filter, for example). Change the message, or "
     "ask the server's administrator.",
     "Сервер отклонил его по своим правилам (например, антиспам). Измените сообщение или обратитесь к "
     "администратору сервера."},
    {"recipient-unavailable", "The recipient cannot be reached right now. Send it again later.",
     "Получатель сейчас недоступен. Отправьте позже."},
    {"redirect", "The recipient has moved to another address. Ask the person for their new address.",
     "Получатель перешёл на другой адрес. Узнайте у него новый адрес."},
    {"registration-required", "The recipient's service accepts messages only from its members. Reach the person "
     "another way.",
     "Сервис получателя принимает сообщения только от своих участников. Свяжитесь с человеком иначе."},
    {"remote-server-not-found", "The recipient's server was not found. Check the address for typos.",
     "Сервер получателя не найден. Проверьте адрес на опечатки."},
    {"remote-server-timeout", "The recipient's server did not answer in time. Send it again later.",
     "Сервер получателя не ответил вовремя. Отправьте позже."},
    {"resource-constraint", "The server is overloaded. Wait a little, then send it again.",
     "Сервер перегружен. Подождите немного и отправьте снова."},
    {"service-unavailable",
     "The recipient cannot take messages now: the address may not exist, or it accepts only its contacts. Check "
     "the address, or ask the person to add you.",
     "Получатель сейчас не принимает сообщения: адреса может не быть, или он принимает их только от контактов. "
     "Проверьте адрес или попросите добавить вас в контакты."},
    {"subscription-required", "The recipient accepts messages only from contacts. Ask the person to add you.",
     "Получатель принимает сообщения только от контактов. Попросите человека добавить вас."},
    {"undefined-condition", "The server refused it without saying why. Send it again later.",
     "Сервер отклонил его без объяснения причин. Отправьте позже."},
    {"unexpected-request", "The server did not expect this message now. Send it again.",
     "Сервер сейчас не ожидал этого сообщения. Отправьте снова."},
    // OMEMO (the core's own codes).
    {"omemo-no-trusted-device",
     "None of the contact's devices is trusted for encryption. Verify one under Fingerprints, or turn encryption "
     "off for this chat.",
     "Ни одному устройству контакта нет доверия для шифрования. Подтвердите устройство в «Отпечатках» или "
     "отключите шифрование в этом чате."},
    {"omemo-member-without-devices",
     "A member of this encrypted room has no device that can read encrypted messages, so it was not sent. Ask them "
     "to use an app with OMEMO, or turn encryption off for this room.",
     "У участника этой зашифрованной комнаты нет устройства, читающего зашифрованные сообщения, поэтому оно не "
     "отправлено. Попросите его пользоваться приложением с OMEMO или отключите шифрование в этой комнате."},
    {"omemo-member-no-trusted-device",
     "None of a member's devices is trusted for encryption, so it was not sent. Verify one under Fingerprints, or "
     "turn encryption off for this room.",
     "Ни одному устройству участника нет доверия для шифрования, поэтому сообщение не отправлено. Подтвердите "
     "устройство в «Отпечатках» или отключите шифрование в этой комнате."},
    {"omemo-no-keys",
     "Your encryption keys could not be loaded, so nothing was sent to this encrypted room. Log out and in again, "
     "or turn encryption off for this room.",
     "Не удалось загрузить ваши ключи шифрования, поэтому в эту зашифрованную комнату ничего не отправлено. Выйдите "
     "и войдите снова или отключите шифрование в этой комнате."},
    {"omemo-undecryptable", "This message could not be decrypted. Ask the sender to send it again.",
     "Это сообщение не удалось расшифровать. Попросите отправить его снова."},
};

// Any other "omemo-…" code: encrypting failed (the signal library, a broken session, the key store).
constexpr Entry kOmemoFailed = {
    "omemo-", "The message could not be encrypted. Check the contact's devices under Fingerprints, then send it again.",
    "Не удалось зашифровать сообщение. Проверьте устройства контакта в «Отпечатках» и отправьте снова."};

constexpr Entry kUnknown = {"", "The message was not delivered. Send it again later.",
                            "Сообщение не доставлено. Отправьте его позже."};

const char* pick(Lang lang, const Entry& e) { return lang == Lang::Ru ? e.ru : e.en; }

}  // namespace

bool knownMessageError(std::string_view code) {
    for (const auto& e : kMessageErrors)
        if (e.code == code) return true;
    return code.size() > kOmemoFailed.code.size() && code.substr(0, kOmemoFailed.code.size()) == kOmemoFailed.code;
}

const char* messageErrorText(Lang lang, std::string_view code) {
    for (const auto& e : kMessageErrors)
        if (e.code == code) return pick(lang, e);
    if (code.substr(0, kOmemoFailed.code.size()) == kOmemoFailed.code) return pick(lang, kOmemoFailed);
    return pick(lang, kUnknown);
}

}  // namespace starling::ui
