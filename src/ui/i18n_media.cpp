// English and Russian texts of shared files (pictures, files, voice messages) by key. Formats are ours; received text
// (file names) is only ever a %s argument.
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
    {"attach", "File", "Файл"},
    {"preview-picture", "Picture", "Картинка"},
    {"preview-audio", "Audio", "Аудио"},
    {"preview-file", "File", "Файл"},
    {"attach-hint", "Send a picture or a file (or paste, or drop it here). Up to %s.",
     "Отправить картинку или файл (или вставьте, или перетащите сюда). До %s."},
    {"attach-hint-nolimit", "Send a picture or a file (or paste, or drop it here).",
     "Отправить картинку или файл (или вставьте, или перетащите сюда)."},
    {"no-upload", "Your server offers no file upload.", "Ваш сервер не принимает файлы."},
    {"uploading", "Sending", "Отправка"},
    {"downloading", "Loading", "Загрузка"},
    {"cancel", "Cancel", "Отменить"},
    {"retry", "Try again", "Повторить"},
    {"load", "Load", "Загрузить"},
    {"save", "Save", "Сохранить"},
    {"open", "Open", "Открыть"},
    {"close", "Close", "Закрыть"},
    {"fit", "Fit", "По размеру"},
    {"zoom-in", "Zoom in", "Крупнее"},
    {"zoom-out", "Zoom out", "Мельче"},
    {"previous", "Previous", "Назад"},
    {"next", "Next", "Дальше"},
    {"encrypted-file", "encrypted", "зашифрован"},
    {"blocked", "From someone not in your contacts: not loaded.", "От того, кого нет в ваших контактах: не загружено."},
    {"too-large", "Large file: not loaded by itself.", "Большой файл: не загружен сам."},
    {"image-too-large", "Picture too large to show (over 40 megapixels).", "Картинка слишком большая для показа (больше 40 мегапикселей)."},
    {"failed", "Could not load the file.", "Не удалось загрузить файл."},
    {"aesgcm-tag", "The encrypted file is damaged or was changed: not shown.",
     "Зашифрованный файл повреждён или изменён: не показан."},
    {"upload-failed", "Could not send the file.", "Не удалось отправить файл."},
    {"upload-bad-slot", "The upload service gave an address that is not its own: refused.",
     "Сервис загрузки дал чужой адрес: отказано."},
    {"upload-too-large", "The file is larger than your server accepts.", "Файл больше, чем принимает ваш сервер."},
    {"upload-unavailable", "Your server offers no file upload.", "Ваш сервер не принимает файлы."},
    {"upload-empty", "The file is empty.", "Файл пуст."},
    {"voice", "Voice", "Голос"},
    {"voice-hint", "Record a voice message: click, or hold and release to send",
     "Записать голосовое сообщение: нажмите или удерживайте и отпустите, чтобы отправить"},
    {"voice-busy", "A voice message recorded in another chat is waiting there.",
     "Голосовое сообщение, записанное в другом чате, ждёт там."},
    {"mic-waiting", "Waiting for the microphone…", "Ждём микрофон…"},
    {"recording", "Recording", "Запись"},
    {"hold-hint", "Release to send, slide away to cancel", "Отпустите, чтобы отправить, уведите в сторону — отменить"},
    {"stop", "Stop", "Стоп"},
    {"send-voice", "Send", "Отправить"},
    {"play", "Play", "Играть"},
    {"pause", "Pause", "Пауза"},
    {"ok", "OK", "OK"},
    {"cannot-play", "Cannot play", "Не воспроизводится"},
    {"mic-denied", "Microphone access is blocked. Allow it for this site in the browser's settings, then try again.",
     "Доступ к микрофону запрещён. Разрешите его для этого сайта в настройках браузера и попробуйте снова."},
    {"mic-failed", "Could not record: no microphone was found or it is busy.",
     "Не удалось записать: микрофон не найден или занят."},
    {"unit-b", "%llu B", "%llu Б"},
    {"unit-kb", "%.1f KB", "%.1f КБ"},
    {"unit-mb", "%.1f MB", "%.1f МБ"},
};

}  // namespace

const char* mediaText(Lang lang, std::string_view key) {
    for (const Entry& e : kTexts)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

}  // namespace starling::ui
