#pragma once
// OMEMO in the chat view: the per-message marker (lock, "unencrypted" in an encrypted chat, a message that
// could not be decrypted), and the chat header's encryption switch and fingerprints popup.
#include <string>

#include "ui/views.h"

namespace starling::ui {

// After the message's time on its header line.
void omemoMessageMarker(Ctx& c, const model::Message& m, const std::string& peer);
// The height the marker adds below the header line (a trust warning on its own lines), 0 if none.
float omemoMarkerExtraHeight(Ctx& c, const model::Message& m, float width);
// Online, and a message of ours to `peer` waits for a device list or bundle (said above the composer).
bool omemoKeysWaiting(const Ctx& c, const std::string& peer);
// In the chat header: the per-chat switch and the fingerprints popup (own and the contact's devices).
void omemoChatControls(Ctx& c, const std::string& peer);
// In a private room's header: the room's switch and the fingerprints popup (own, and the devices of the
// occupants our messages reach, to verify or distrust).
void omemoRoomControls(Ctx& c, const model::Room& room);
// "xmpp:jid?omemo-sid-ID=HEX;…" as Conversations encodes fingerprints for QR codes.
// The URI as a QR code (omemo_qr.cpp), with a hint above it.
void omemoQrCode(Ctx& c, const std::string& text);
std::string omemoVerificationUri(const std::string& jid, std::uint32_t ownDevice, const std::string& fingerprint);

}  // namespace starling::ui
