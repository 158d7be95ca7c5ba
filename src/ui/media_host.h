#pragma once
// What the UI needs from the platform for shared files (web/media_host.cpp implements it with the
// browser: createImageBitmap off the main thread, a WebGL texture, a download link, a file chooser).
// The UI asks every frame; the host answers from its cache and starts what is missing.
#include <imgui.h>

#include <memory>
#include <string>

namespace starling::ui {

class MediaHost {
public:
    virtual ~MediaHost() = default;
    struct Picture {
        ImTextureID texture = nullptr;  // null while decoding (or failed)
        int width = 0;                  // texture size in pixels
        int height = 0;
        bool failed = false;            // the browser could not decode it: shown as a file
    };
    // The picture of `bytes` (already checked by the core: a raster image within the pixel limit),
    // decoded to fit `maxSide` pixels; keyed by url and maxSide.
    virtual Picture picture(const std::string& url, const std::shared_ptr<const std::string>& bytes, int maxSide) = 0;
    // Offers the bytes as a download under `name` (sanitized by the core), as application/octet-stream.
    virtual void save(const std::string& name, const std::shared_ptr<const std::string>& bytes) = 0;
    // The browser's file chooser; chosen files are sent to `jid` (Client::sendFile).
    virtual void pickFiles(const std::string& jid) = 0;
};

}  // namespace starling::ui
