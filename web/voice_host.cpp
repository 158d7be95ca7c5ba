#include "web/voice_host.h"

#include <emscripten.h>
#include <imgui.h>

#include <span>
#include <string>

#include "core/media/ogg_opus.h"
#include "core/media/waveform.h"
#include "ui/lru_budget.h"
#include "web/runtime.h"

extern "C" {
void js_voice_start(int generation);
void js_voice_stop();
void js_voice_discard();
void js_voice_load(const char* key, const char* bytes, unsigned len, const char* mime);
void js_voice_unload(const char* key);
int js_voice_state(const char* key, double* out);  // playing, position, duration, failed
void js_voice_toggle(const char* key);
void js_voice_seek(const char* key, double fraction);
}

namespace starling::web {
namespace {

constexpr const char* kRecordingKey = "recording";  // the player of the recording (ui/voice_view.cpp)
// Audio players (an HTMLAudioElement and a blob: URL of the file each) held at once: those scrolled
// farthest away (drawn least recently, not playing) are let go, and made again when drawn again.
constexpr std::size_t kPlayerCap = 8;

class WebVoiceHost final : public ui::VoiceHost {
public:
    Recorder recorder() const override {
        Recorder r = m_recorder;
        if (r.state == Recording::Recording) r.seconds = (emscripten_get_now() - m_startedMs) / 1000.0;
        return r;
    }
    void startRecording() override {
        if (m_recorder.state != Recording::Idle) return;
        m_recorder = Recorder{Recording::Starting, 0, nullptr, {}, {}};
        js_voice_start(++m_generation);
    }
    void stopRecording() override {
        if (m_recorder.state == Recording::Recording) js_voice_stop();
    }
    void discardRecording() override {
        ++m_generation;  // whatever the browser says later about this one is ignored
        js_voice_discard();
        unload(kRecordingKey);
        m_recorder = Recorder{};
    }

    Playback playback(const std::string& key, const std::shared_ptr<const std::string>& bytes, const std::string& mime) override {
        if (!bytes) return {};
        const auto frame = static_cast<std::uint64_t>(ImGui::GetFrameCount());
        if (!m_loaded.contains(key)) {
            js_voice_load(key.c_str(), bytes->data(), static_cast<unsigned>(bytes->size()), mime.c_str());
            m_loaded.add(key, 1, frame);
            for (const std::string& far : m_loaded.over(frame, [](const std::string& k) { return k == kRecordingKey || playing(k); }))
                js_voice_unload(far.c_str());
        }
        m_loaded.use(key, frame);
        double s[4] = {0, 0, 0, 0};
        if (!js_voice_state(key.c_str(), s)) return {};
        return Playback{s[0] != 0, s[1], s[2], s[3] != 0};
    }
    void togglePlay(const std::string& key) override { js_voice_toggle(key.c_str()); }
    void seek(const std::string& key, double fraction) override { js_voice_seek(key.c_str(), fraction); }

    std::size_t players() const { return m_loaded.size(); }
    std::size_t playerCap() const { return m_loaded.cap(); }
    void setPlayerCap(std::size_t n) { m_loaded.setCap(n); }

    // From the browser.
    void started(int generation, bool ok, bool denied) {
        if (generation != m_generation || m_recorder.state != Recording::Starting) return;
        if (ok) {
            m_recorder.state = Recording::Recording;
            m_startedMs = emscripten_get_now();
        } else {
            m_recorder.state = denied ? Recording::Denied : Recording::Failed;
        }
    }
    void recorded(int generation, std::string_view webm, const char* name, std::span<const float> levels) {
        if (generation != m_generation || m_recorder.state != Recording::Recording) return;
        auto ogg = media::webmToOggOpus(webm, static_cast<std::uint32_t>(emscripten_get_now()));
        if (!ogg) {  // the browser wrote something other than WebM/Opus: said as a failure
            m_recorder = Recorder{Recording::Failed, 0, nullptr, {}, {}};
            return;
        }
        unload(kRecordingKey);
        m_recorder = Recorder{Recording::Recorded, static_cast<double>(ogg->durationMs) / 1000.0,
                              std::make_shared<const std::string>(std::move(ogg->bytes)), name, media::waveformBars(levels)};
    }

private:
    void unload(const std::string& key) {
        if (!m_loaded.contains(key)) return;
        m_loaded.remove(key);
        js_voice_unload(key.c_str());
    }
    static bool playing(const std::string& key) {
        double s[4] = {0, 0, 0, 0};
        return js_voice_state(key.c_str(), s) && s[0] != 0;
    }
    Recorder m_recorder;
    int m_generation = 0;
    double m_startedMs = 0;
    ui::LruBudget<std::string> m_loaded{kPlayerCap};  // keys the browser holds a player for
};

WebVoiceHost g_voice;

}  // namespace

ui::VoiceHost& voiceHost() { return g_voice; }
std::size_t voicePlayers() { return g_voice.players(); }
std::size_t voicePlayerCap() { return g_voice.playerCap(); }
void setVoicePlayerCap(std::size_t n) { g_voice.setPlayerCap(n); }

}  // namespace starling::web

extern "C" {

EMSCRIPTEN_KEEPALIVE void starling_voice_started(int generation, int ok, int denied) {
    starling::web::g_voice.started(generation, ok != 0, denied != 0);
    starling::web::wake(2);
}

EMSCRIPTEN_KEEPALIVE void starling_voice_recorded(int generation, const char* bytes, unsigned len, const char* name,
                                                  const float* levels, unsigned nLevels) {
    starling::web::g_voice.recorded(generation, std::string_view(bytes, len), name, std::span<const float>(levels, nLevels));
    starling::web::wake(2);
}

// A player or the recorder moved (play, pause, time, metadata, the recording's timer).
EMSCRIPTEN_KEEPALIVE void starling_voice_changed() { starling::web::wake(1); }

}  // extern "C"
