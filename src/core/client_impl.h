#pragma once
// Client internals: the session, the router and pipelines, the modules, the state and the store — and
// nothing of any feature's own. Only client.cpp and client_api.cpp use it.
#include <memory>
#include <vector>

#include "core/client.h"
#include "core/modules/account_module.h"
#include "core/modules/calls_module.h"
#include "core/modules/chat.h"
#include "core/modules/history.h"
#include "core/modules/module.h"
#include "core/modules/rfc6121_presence_module.h"
#include "core/modules/rfc6121_roster_module.h"
#include "core/modules/search_module.h"
#include "core/modules/xep0030_disco_module.h"
#include "core/modules/xep0085_chat_states_module.h"
#include "core/modules/xep0184_receipts_module.h"
#include "core/modules/xep0191_blocking_module.h"
#include "core/modules/xep0199_ping_module.h"
#include "core/modules/xep0215_external_services_module.h"
#include "core/modules/xep0280_carbons_module.h"
#include "core/modules/xep0313_archive_module.h"
#include "core/modules/xep0333_chat_markers_module.h"
#include "core/modules/xep0352_csi_module.h"
#include "core/modules/xep0359_stanza_id_module.h"
#include "core/modules/xep0384_omemo_module.h"
#include "core/modules/xep0384_omemo_muc_module.h"
#include "core/modules/xep0045_muc_module.h"
#include "core/modules/xep0402_bookmarks_module.h"
#include "core/modules/xep0490_mds_module.h"
#include "core/modules/xep0172_nick_module.h"
#include "core/modules/alerts_module.h"
#include "core/modules/xep0410_self_ping_module.h"
#include "core/modules/xep0308_correction_module.h"
#include "core/modules/xep0424_retraction_module.h"
#include "core/modules/xep0444_reactions_module.h"
#include "core/modules/xep0461_replies_module.h"
#include "core/modules/media_download_module.h"
#include "core/modules/xep0066_oob_module.h"
#include "core/modules/xep0363_upload_module.h"
#include "core/modules/xep0393_styling_module.h"
#include "core/modules/xep0077_signup_module.h"

namespace starling {

struct Client::Impl {
    Impl(Platform platform, ClientConfig config);

    stream::Session session;
    storage::AccountStore store;
    model::State state;
    router::StanzaRouter router;
    im::IncomingPipeline incoming;
    im::OutgoingPipeline outgoing;
    modules::Core core;

    // The modules, in the order they are built: the order of their stages within a pipeline stage and
    // of their lifecycle calls (account, presence before the outbox flush, carbons before the catch-up).
    struct Modules {
        Modules(modules::Core& core, ClientConfig config, Impl& impl);
        modules::AccountModule account;
        modules::SignupModule signup;  // creating an account with the server's form (uses roster, built later)
        // Calls before presence: the peer's unavailable presence ends a call before that module takes it.
        modules::ExternalServicesModule externalServices;
        modules::CallsModule calls;
        modules::PresenceModule presence;
        modules::MucModule muc;  // before chat: its Origin stage claims a room's messages first
        // History before the message actions: its Signals stage brings in an older segment holding the
        // message a receipt, marker, correction, retraction or reaction names.
        modules::HistoryModule history;
        // Message actions: built before chat (their Signals and Store stages decide before chat stores
        // anything); replies first (the reply's fallback cut before a correction applies).
        modules::RepliesModule replies;
        modules::CorrectionModule correction;
        modules::RetractionModule retraction;
        modules::ReactionsModule reactions;
        modules::ChatModule chat;
        modules::ReceiptsModule receipts;
        modules::ChatMarkersModule markers;
        modules::StanzaIdModule stanzaId;
        modules::ChatStatesModule chatStates;
        modules::CsiModule csi;
        modules::CarbonsModule carbons;
        modules::OmemoModule omemo;
        modules::OmemoMucModule omemoMuc;  // rooms; before oob: its Decrypt stage reads the decrypted body
        modules::OobModule oob;  // shared files: OOB + recognition, upload, download
        modules::StylingModule styling;
        modules::UploadModule upload;
        modules::MediaDownloadModule downloads;
        modules::RosterModule roster;
        modules::ArchiveModule archive;
        modules::PingModule ping;
        modules::BlockingModule blocking;
        modules::SearchModule search;
        modules::BookmarksModule bookmarks;  // after muc: joins the bookmarked rooms once online
        modules::SelfPingModule selfPing;
        modules::DisplayedSyncModule displayedSync;  // XEP-0490: after markers, whose onSeen it takes
        modules::NickModule nick;
        modules::AlertsModule alerts;
        modules::DiscoModule disco;
        std::vector<modules::Module*> all() ;
    };
    Modules m;

    void switchAccount(const std::string& bare);
    void established();
    void online();  // the roster of a new session is in
    void resumed();
    void offline();
};

}  // namespace starling
