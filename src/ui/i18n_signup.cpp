// English and Russian texts of creating an account (signup_view.cpp) by key: the server picker, the
// check, the server's form (names of the XEP-0077 fields we know) and every model::Signup problem. Formats
// are ours; received text (a domain, the server's labels and words) is only ever a %s argument.
#include <string_view>

#include "ui/i18n.h"

namespace starling::ui {
namespace {

struct Entry {
    const char* key;
    const char* en;
    const char* ru;
};

constexpr Entry kTexts[] = {
    {"title", "Create an account", "Создание аккаунта"},
    {"pick", "Choose a server. Your address will be name@server; you can talk to people on any server.",
     "Выберите сервер. Ваш адрес будет имя@сервер; общаться можно с людьми на любых серверах."},
    {"other", "Another server…", "Другой сервер…"},
    {"other-hint", "example.org", "example.org"},
    {"continue", "Continue", "Продолжить"},
    {"back", "Back", "Назад"},
    {"cancel", "Cancel", "Отмена"},
    {"checking", "Asking %s whether it lets you create an account…", "Спрашиваем %s, можно ли создать аккаунт…"},
    {"form-title", "New account on %s", "Новый аккаунт на %s"},
    {"invited", "You were invited to %s.", "Вас пригласили на %s."},
    {"invited-by", "%s invited you: you will be contacts once the account is created.",
     "Вас пригласил(а) %s: после создания аккаунта вы будете в контактах друг у друга."},
    {"create", "Create account", "Создать аккаунт"},
    {"submitting", "Creating the account…", "Создаём аккаунт…"},
    {"required", "* required", "* обязательно"},
    {"web-page", "The server's registration page:", "Страница регистрации сервера:"},
    {"open", "Open", "Открыть"},
    {"captcha", "The server asks you to prove you are a person.", "Сервер просит подтвердить, что вы человек."},
    {"captcha-picture-missing", "The server did not send the picture for this question.",
     "Сервер не прислал картинку к этому вопросу."},
    {"captcha-picture-bad", "The server's picture could not be shown (it is not an image we can draw).",
     "Картинку сервера не удалось показать (это не изображение, которое мы умеем рисовать)."},
    {"captcha-picture-too-large", "The server's picture is too large to show.",
     "Картинка сервера слишком большая для показа."},
    {"picture-loading", "Loading the picture…", "Загружаем картинку…"},
    {"picture-failed", "The picture could not be decoded.", "Картинку не удалось раскодировать."},
    {"link", "Open this to answer:", "Откройте, чтобы ответить:"},
    {"another", "Choose another server", "Выбрать другой сервер"},
    {"retry", "Try again", "Повторить"},
    // XEP-0077 field names we know (legacy fields, and data form fields of the same var).
    {"field-username", "Name", "Имя"},
    {"field-password", "Password", "Пароль"},
    {"field-email", "Email", "Эл. почта"},
    {"field-nick", "Nickname", "Псевдоним"},
    {"field-name", "Full name", "Полное имя"},
    {"field-first", "Given name", "Имя"},
    {"field-last", "Family name", "Фамилия"},
    {"field-phone", "Phone", "Телефон"},
    {"field-url", "Web page", "Веб-страница"},
    {"field-ocr", "Enter the text you see", "Введите текст с картинки"},
    // model::Signup::problem
    {"registration-closed", "This server does not let you create an account from here. Choose another server.",
     "Этот сервер не разрешает создать аккаунт отсюда. Выберите другой сервер."},
    {"unreachable", "The server cannot be reached. Check the name and your connection, or choose another server.",
     "Сервер недоступен. Проверьте имя и подключение или выберите другой сервер."},
    {"no-endpoint", "This server does not say where its WebSocket is, so the browser cannot connect to it.",
     "Сервер не сообщает адрес своего WebSocket, поэтому браузер не может к нему подключиться."},
    {"bad-jid", "This is not a server name. Type it like example.org.", "Это не имя сервера. Введите его в виде example.org."},
    {"bad-domain", "This is not a server name. Type it like example.org.", "Это не имя сервера. Введите его в виде example.org."},
    {"form-too-large", "The server's form is too large to show. Choose another server.",
     "Форма сервера слишком большая для показа. Выберите другой сервер."},
    {"form-unusable", "The server's form cannot be filled in here (it asks for no name). Use its web page, or choose another server.",
     "Форму сервера нельзя заполнить здесь (в ней нет имени). Воспользуйтесь его сайтом или выберите другой сервер."},
    {"registration-conflict", "This name is already taken. Choose another one.", "Это имя уже занято. Выберите другое."},
    {"registration-not-acceptable", "The server did not accept this name or password. Try another name or a longer password.",
     "Сервер не принял это имя или пароль. Попробуйте другое имя или пароль длиннее."},
    {"captcha-failed", "The answer to the check was wrong (or the name or password was refused). Here is a new question.",
     "Ответ на проверку неверен (или сервер не принял имя или пароль). Вот новый вопрос."},
    {"invite-invalid", "This invitation is not valid (it may have expired or been used). Ask for a new one, or choose a server.",
     "Приглашение недействительно (возможно, оно истекло или уже использовано). Попросите новое или выберите сервер."},
    {"missing-field", "Fill in this field: %s", "Заполните поле: %s"},
    {"bad-username", "This name cannot be used as an address. Use letters, digits, dots or dashes.",
     "Это имя нельзя использовать в адресе. Используйте буквы, цифры, точки или дефисы."},
    {"auth-failed", "The account was created, but logging in failed. Log in with your name and password.",
     "Аккаунт создан, но войти не удалось. Войдите с вашим именем и паролем."},
    {"server-error", "The server reported an error. Try again later or choose another server.",
     "Сервер сообщил об ошибке. Попробуйте позже или выберите другой сервер."},
};

}  // namespace

const char* signupText(Lang lang, std::string_view key) {
    for (const Entry& e : kTexts)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

}  // namespace starling::ui
