// English and Russian texts of the call screen (call_view.cpp) by key, and why a call ended in words.
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
    {"call", "Call", "Позвонить"},
    {"video-call", "Video call", "Видеозвонок"},
    {"calling", "Calling…", "Вызов…"},
    {"ringing", "Ringing…", "Идут гудки…"},
    {"incoming", "Incoming call", "Входящий звонок"},
    {"incoming-video", "Incoming video call", "Входящий видеозвонок"},
    {"stranger", "Not in your contacts", "Нет в ваших контактах"},
    {"accept", "Accept", "Принять"},
    {"decline", "Decline", "Отклонить"},
    {"connecting", "Connecting…", "Соединение…"},
    {"connected", "Connected", "На связи"},
    {"mute", "Microphone off", "Выключить микрофон"},
    {"unmute", "Microphone on", "Включить микрофон"},
    {"camera-off", "Camera off", "Выключить камеру"},
    {"camera-on", "Camera on", "Включить камеру"},
    {"hang-up", "Hang up", "Завершить"},
    {"close", "Close", "Закрыть"},
    {"waiting-video", "Waiting for the video…", "Ожидание видео…"},
    {"ended", "Call ended", "Звонок завершён"},
    {"ended-busy", "Busy: they are on another call", "Занято: собеседник разговаривает"},
    {"ended-declined-by-peer", "They declined the call", "Собеседник отклонил звонок"},
    {"ended-declined", "You declined the call", "Вы отклонили звонок"},
    {"ended-cancelled", "Call cancelled", "Звонок отменён"},
    {"ended-missed", "Missed call", "Пропущенный звонок"},
    {"ended-no-answer", "No answer", "Нет ответа"},
    {"ended-gone", "They went offline", "Собеседник вышел из сети"},
    {"ended-connectivity", "The connection failed", "Соединение не удалось"},
    {"ended-application",
     "The call could not be set up: the other side's audio or video description was not understood",
     "Звонок не удалось установить: описание звука или видео собеседника не понято"},
    {"ended-media", "No microphone or camera: not allowed or not found",
     "Нет микрофона или камеры: не разрешено или не найдено"},
    {"ended-unsupported", "The other side's call is of a kind Starling cannot take",
     "Звонок собеседника такого вида, который Starling не принимает"},
    {"ended-error", "The call ended with an error", "Звонок завершился ошибкой"},
    {"ended-answered-elsewhere", "Answered on another device", "Принят на другом устройстве"},
    {"ended-declined-elsewhere", "Declined on another device", "Отклонён на другом устройстве"},
};

}  // namespace

const char* callText(Lang lang, std::string_view key) {
    for (const Entry& e : kTexts)
        if (key == e.key) return lang == Lang::Ru ? e.ru : e.en;
    return "";
}

const char* callEndedText(Lang lang, const model::Call& call) {
    const std::string& r = call.reason;
    const char* key = "ended-error";
    if (call.elsewhere) key = r == "success" ? "ended-answered-elsewhere" : "ended-declined-elsewhere";
    else if (r == "success") key = "ended";
    else if (r == "busy") key = "ended-busy";
    else if (r == "decline") key = call.endedByPeer ? "ended-declined-by-peer" : "ended-declined";
    else if (r == "cancel") key = call.incoming && call.connectedMs == 0 ? "ended-missed" : "ended-cancelled";
    else if (r == "timeout" || r == "expired") key = call.incoming ? "ended-missed" : "ended-no-answer";
    else if (r == "gone") key = "ended-gone";
    else if (r == "connectivity-error" || r == "failed-transport") key = "ended-connectivity";
    else if (r == "failed-application" || r == "incompatible-parameters") key = "ended-application";
    else if (r == "media-error") key = "ended-media";
    else if (r == "unsupported-applications" || r == "unsupported-transports") key = "ended-unsupported";
    return callText(lang, key);
}

}  // namespace starling::ui
