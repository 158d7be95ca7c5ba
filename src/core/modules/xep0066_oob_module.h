#pragma once
// XEP-0066 Out of Band Data for shared files, and the recognition of shared files in incoming messages.
// Outgoing (Decorate): a message whose body is its uploaded file's URL gets <x xmlns='jabber:x:oob'>
// with that URL, as Conversations sends it; an aesgcm:// link never gets one, and never leaves in
// plaintext (the chat's encryption was switched off since the upload: the message fails instead).
// Incoming (Decrypt, after OMEMO): a body that is exactly the OOB URL, or (decrypted OMEMO only) a strict
// XEP-0454 aesgcm:// link, becomes Message::attachment (Available; the download module fetches it).
#include "core/modules/module.h"

namespace starling::modules {

class OobModule : public Module {
public:
    explicit OobModule(Core& core);
    const char* name() const override { return "xep0066-oob"; }

private:
    im::OutFlow decorate(im::Outgoing& out);
    im::Flow recognise(im::Incoming& in);
};

// The attachment a received message shares, if any (pure: tests). `decrypted`: its body came out of OMEMO.
std::optional<model::Attachment> sharedFileOf(const xml::Element& message, std::string_view body, bool decrypted);

}  // namespace starling::modules
