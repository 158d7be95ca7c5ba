// The test hook's group chat part (documented in web/TEST_HOOK.md): joinRoom, createRoom, leaveRoom,
// invite (the dialogs' and the room's buttons' code paths), the rooms of the state, the occupants drawn,
// and a room's history with the sender's occupant-id. web/js/test_hook_rooms.js adds them to
// window.__xmppTest.
#include <emscripten.h>

#include <string>
#include <vector>

#include "core/client.h"
#include "core/im/jid_util.h"
#include "ui/app.h"
#include "ui/draw_report.h"
#include "web/json_out.h"
#include "web/runtime.h"
#include "web/test_hook.h"

// web/js/test_hook_rooms.js
extern "C" void js_install_room_hook();

namespace starling::web {
namespace {

std::string g_roomOut;

std::vector<std::string> splitLines(const char* text) {
    std::vector<std::string> out;
    std::string cur;
    for (const char* p = text; *p; ++p) {
        if (*p == '\n') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += *p;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace

void installRoomHook() { js_install_room_hook(); }

}  // namespace starling::web

using namespace starling;
using namespace starling::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE int starling_hook_join_room(const char* room, const char* nick, const char* password) {
    ui::App* a = app();
    const bool asked = a != nullptr && a->joinRoom(room, nick, password);
    wake(3);
    return asked ? 1 : 0;
}

// members: bare JIDs, one per line.
EMSCRIPTEN_KEEPALIVE int starling_hook_create_room(const char* room, const char* nick, int isPrivate, const char* members) {
    ui::App* a = app();
    const bool asked = a != nullptr && a->createRoom(room, nick, isPrivate != 0, splitLines(members));
    wake(3);
    return asked ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_leave_room(const char* room) {
    ui::App* a = app();
    const bool done = a != nullptr && a->leaveRoom(room);
    wake(3);
    return done ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int starling_hook_invite(const char* room, const char* jid) {
    ui::App* a = app();
    const bool done = a != nullptr && a->inviteToRoom(room, jid);
    wake(3);
    return done ? 1 : 0;
}

// What the occupant menu's "Remove from the room (kick)" does.
EMSCRIPTEN_KEEPALIVE int starling_hook_kick(const char* room, const char* nick, const char* reason) {
    Client* c = client();
    const bool asked = c != nullptr && c->kick(room, nick, reason);
    wake(3);
    return asked ? 1 : 0;
}

// State::roomInvitations: [{room, inviter, reason}] (requests: nothing is joined until accepted).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_room_invitations() {
    g_roomOut = "[";
    if (Client* c = client()) {
        for (const auto& inv : c->state().roomInvitations) {
            if (g_roomOut.size() > 1) g_roomOut += ',';
            g_roomOut += '{';
            jsonKey(g_roomOut, "room"); jsonString(g_roomOut, inv.room); g_roomOut += ',';
            jsonKey(g_roomOut, "inviter"); jsonString(g_roomOut, inv.inviter); g_roomOut += ',';
            jsonKey(g_roomOut, "reason"); jsonString(g_roomOut, inv.reason);
            g_roomOut += '}';
        }
    }
    g_roomOut += ']';
    return g_roomOut.c_str();
}

// [{jid, nick, joined, joining, subject, occupants, encrypted, encryptable, unread, mentions, gap, error,
// errorText, proposedNick}]
EMSCRIPTEN_KEEPALIVE const char* starling_hook_rooms() {
    g_roomOut = "[";
    if (Client* c = client()) {
        const model::State& st = c->state();
        for (const auto& [jid, room] : st.rooms) {
            auto conv = st.conversations.find(jid);
            if (g_roomOut.size() > 1) g_roomOut += ',';
            g_roomOut += '{';
            jsonKey(g_roomOut, "jid"); jsonString(g_roomOut, jid); g_roomOut += ',';
            jsonKey(g_roomOut, "nick"); jsonString(g_roomOut, room.nick); g_roomOut += ',';
            jsonKey(g_roomOut, "joined"); g_roomOut += room.joined ? "true," : "false,";
            jsonKey(g_roomOut, "joining"); g_roomOut += room.joining ? "true," : "false,";
            jsonKey(g_roomOut, "subject"); jsonString(g_roomOut, room.subject); g_roomOut += ',';
            jsonKey(g_roomOut, "occupants"); g_roomOut += std::to_string(room.occupants.size()) + ",";
            jsonKey(g_roomOut, "encrypted"); g_roomOut += room.encrypted ? "true," : "false,";
            jsonKey(g_roomOut, "encryptable"); g_roomOut += room.encryptable ? "true," : "false,";
            jsonKey(g_roomOut, "unread");
            g_roomOut += std::to_string(conv == st.conversations.end() ? 0 : conv->second.unread) + ",";
            jsonKey(g_roomOut, "mentions"); g_roomOut += std::to_string(room.mentions) + ",";
            jsonKey(g_roomOut, "gap");
            g_roomOut += conv != st.conversations.end() && conv->second.gap ? "true," : "false,";
            jsonKey(g_roomOut, "error"); jsonString(g_roomOut, room.error); g_roomOut += ',';
            jsonKey(g_roomOut, "errorText"); jsonString(g_roomOut, room.errorText); g_roomOut += ',';
            jsonKey(g_roomOut, "proposedNick"); jsonString(g_roomOut, room.proposedNick);
            g_roomOut += '}';
        }
    }
    g_roomOut += ']';
    return g_roomOut.c_str();
}

// Nicks of the open room's occupant list rows drawn in the last frame, top first.
EMSCRIPTEN_KEEPALIVE const char* starling_hook_occupants_shown() {
    g_roomOut = "[";
    for (const auto& nick : drawReport().occupantsShown) {
        if (g_roomOut.size() > 1) g_roomOut += ',';
        jsonString(g_roomOut, nick);
    }
    g_roomOut += ']';
    return g_roomOut.c_str();
}

// Ids of the room messages drawn highlighted as naming our nick in the last frame.
EMSCRIPTEN_KEEPALIVE const char* starling_hook_mentions_shown() {
    g_roomOut = "[";
    for (const auto& id : drawReport().mentionRows) {
        if (g_roomOut.size() > 1) g_roomOut += ',';
        jsonString(g_roomOut, id);
    }
    g_roomOut += ']';
    return g_roomOut.c_str();
}

// The occupant-id (XEP-0421) of each nick of a room now in it: {nick: id} (history() adds it to the
// entries from those nicks).
EMSCRIPTEN_KEEPALIVE const char* starling_hook_occupant_ids(const char* room) {
    g_roomOut = "{";
    if (Client* c = client()) {
        auto it = c->state().rooms.find(room);
        if (it != c->state().rooms.end()) {
            for (const auto& [nick, o] : it->second.occupants) {
                if (o.occupantId.empty()) continue;
                if (g_roomOut.size() > 1) g_roomOut += ',';
                jsonString(g_roomOut, nick);
                g_roomOut += ':';
                jsonString(g_roomOut, o.occupantId);
            }
        }
    }
    g_roomOut += '}';
    return g_roomOut.c_str();
}

}  // extern "C"
