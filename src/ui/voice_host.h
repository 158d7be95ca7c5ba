#pragma once
// What the UI needs from the platform for voice messages (web/voice_host.cpp implements it with the
// browser: getUserMedia + MediaRecorder for recording, an HTMLAudioElement per played file). The
// microphone is asked for only on the person's click (startRecording); the UI asks every frame and the
// host answers from what the browser last said.
#include <memory>
#include <string>
#include <vector>

namespace starling::ui {

class VoiceHost {
public:
    virtual ~VoiceHost() = default;

    enum class Recording { Idle, Starting, Recording, Recorded, Denied, Failed };
    struct Recorder {
        Recording state = Recording::Idle;
        double seconds = 0;  // recorded so far (Recording) or in all (Recorded)
        std::shared_ptr<const std::string> file;  // Recorded: the Ogg/Opus file to listen to and send
        std::string name;                         // Recorded: its file name ("voice-<date>-<time>.ogg")
        std::vector<float> peaks;                 // Recorded: its waveform (media::waveformBars), may be empty
    };
    virtual Recorder recorder() const = 0;
    virtual void startRecording() = 0;    // asks for the microphone; Denied when refused
    virtual void stopRecording() = 0;     // Recording → Recorded (the file remuxed to Ogg)
    virtual void discardRecording() = 0;  // back to Idle, whatever the state; nothing kept

    struct Playback {
        bool playing = false;
        double position = 0;  // seconds
        double duration = 0;  // seconds, 0 until known
        bool failed = false;  // the browser could not play it
    };
    // The player of `key` (its bytes loaded on first use, for the duration); one plays at a time.
    virtual Playback playback(const std::string& key, const std::shared_ptr<const std::string>& bytes,
                              const std::string& mime) = 0;
    virtual void togglePlay(const std::string& key) = 0;
    virtual void seek(const std::string& key, double fraction) = 0;  // 0…1 of the duration
};

}  // namespace starling::ui
