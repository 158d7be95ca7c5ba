#include "web/boot.h"

#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/client.h"
#include "core/crypto/drbg.h"
#include "core/site_config.h"
#include "core/storage/store.h"
#include "ui/app.h"
#include "web/call_host.h"
#include "web/media_host.h"
#include "web/voice_host.h"
#include "web/font_atlas.h"
#include "web/alerts.h"
#include "web/runtime.h"
#include "web/test_hook.h"
#include "web/warmup.h"
#include "web/web_platform.h"

// web/js/boot.js: the store lock, IDBFS load and leave journal, config and font; then starling_boot().
extern "C" void js_boot(const char* dataDir);
// XEP-0352 / read markers follow what the person sees: Client::setActive on every visibility change.
extern "C" void js_watch_visibility();
extern "C" int js_journal_applied();
extern "C" int js_persistence_disabled();
extern "C" void js_open_url(const char* url);  // web/js/page.js

namespace starling::web {
namespace {

constexpr const char* kDataDir = "/data";
constexpr const char* kVolatileDir = "/volatile";  // MEMFS only: when saved data could not be loaded
constexpr const char* kLanguageFile = "ui-language";

struct Runtime {
    WebTransport transport;
    WebHttp http;
    WebPersistence persistence;
    WebClock clock;
    std::unique_ptr<platform::Random> random;
    std::unique_ptr<storage::Store> store;
    std::unique_ptr<Client> client;
    std::unique_ptr<ui::App> app;
};

std::unique_ptr<Runtime> g_runtime;

}  // namespace

void boot() { js_boot(kDataDir); }

Client* client() { return g_runtime ? g_runtime->client.get() : nullptr; }
ui::App* app() { return g_runtime ? g_runtime->app.get() : nullptr; }

}  // namespace starling::web

extern "C" EMSCRIPTEN_KEEPALIVE void starling_boot(const char* storageError, const char* configJson, const char* invitation,
                                                   const char* browserLanguage, unsigned char* font, int fontLen) {
    using namespace starling;
    using namespace starling::web;
    if (g_runtime) return;
    fonts::setFontData(std::vector<unsigned char>(font, font + fontLen));

    auto rt = std::make_unique<Runtime>();
    auto drbg = crypto::Drbg::create(webEntropy, "starling-web");
    if (!drbg) {
        std::fprintf(stderr, "no secure random numbers: %s\n", drbg.error().message.c_str());
        return;  // without randomness we cannot run SCRAM or make ids; the page stays on "Starling…"
    }
    rt->random = std::make_unique<crypto::DrbgRandom>(std::move(*drbg));
    rt->store = std::make_unique<storage::Store>(js_persistence_disabled() ? kVolatileDir : kDataDir);
    SiteConfig site = parseSiteConfig(configJson);  // core/site_config.h: garbage leaves a usable config
    for (const auto& problem : site.problems) std::fprintf(stderr, "config.json: %s\n", problem.c_str());
    ClientConfig config = std::move(site.config);
    config.calls = callsAvailable();  // RTCPeerConnection: calls advertised and taken (web/js/call.js)
    config.pageIsHttps = EM_ASM_INT({ return location.protocol === "https:" ? 1 : 0; }) != 0;  // upload slots, aesgcm
    rt->client = std::make_unique<Client>(
        Platform{rt->transport, rt->http, rt->persistence, *rt->random, rt->clock, *rt->store}, config);

    ui::Lang lang = ui::langFromTag(browserLanguage);
    if (auto saved = rt->store->read(kLanguageFile)) lang = ui::langFromTag(*saved);
    storage::Store* store = rt->store.get();
    WebPersistence* persistence = &rt->persistence;
    ui::AppHooks hooks;
    hooks.languageChanged = [store, persistence](ui::Lang l) {
        if (store->writeAtomic(kLanguageFile, ui::langTag(l))) persistence->requestFlush();
    };
    hooks.missingGlyph = [](char32_t cp) { fonts::requestGlyph(cp); };
    hooks.media = &mediaHost();  // shared files (web/media_host.cpp)
    hooks.voice = &voiceHost();  // voice messages (web/voice_host.cpp)
    if (config.calls) hooks.calls = &callHost();  // audio/video calls (web/call_host.cpp)
    hooks.notificationPermission = notificationPermission;  // web/alerts.cpp
    hooks.requestNotifications = requestNotificationPermission;
    hooks.openUrl = [](const std::string& url) { js_open_url(url.c_str()); };  // web/js/page.js
    installMedia();
    rt->app = std::make_unique<ui::App>(*rt->client, lang, std::move(hooks));
    g_runtime = std::move(rt);

    installTestHook();
    if (storageError != nullptr && storageError[0] != '\0') g_runtime->client->onPersistError(storageError);
    if (js_journal_applied()) g_runtime->persistence.requestFlush();  // bring IndexedDB up to date
    g_runtime->client->start();
    // An invitation opens registration on its server, unless an account logs in by itself already.
    if (invitation != nullptr && invitation[0] != '\0' && !g_runtime->client->state().remembered)
        g_runtime->client->signupInvitation(invitation);
    scheduleWarmUp();  // web/warmup.h: the byte loops optimized before a contact's huge message
    js_watch_visibility();
    // onTimer about every 250 ms; redraw only when the state moved.
    emscripten_set_interval(
        [](void*) {
            static std::uint64_t lastRevision = 0;
            Client* c = client();
            if (c == nullptr) return;
            c->onTimer();
            if (ui::App* a = app(); a != nullptr && a->animating()) wake(1);  // the highlight fades
            if (c->revision() != lastRevision) {
                lastRevision = c->revision();
                updateTitle();
                announceAlerts();  // a hidden page draws no frames
                wake(2);
            }
        },
        250, nullptr);
    wake(3);
}

namespace starling::web {
namespace {
bool g_pageVisible = true;
}
bool pageVisible() { return g_pageVisible; }
}  // namespace starling::web

extern "C" EMSCRIPTEN_KEEPALIVE void starling_visibility(int visible) {
    starling::web::g_pageVisible = visible != 0;
    if (starling::Client* c = starling::web::client()) c->setActive(visible != 0);
    starling::web::wake(1);
}
