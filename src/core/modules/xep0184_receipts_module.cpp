#include "core/modules/xep0184_receipts_module.h"

#include "core/im/message_signals.h"
#include "core/xep/xep0184_receipts.h"

namespace starling::modules {

ReceiptsModule::ReceiptsModule(Core& core) : Module(core) {
    m_core.outgoing.add(im::OutStage::Decorate, name(), [](im::Outgoing& out) {
        if (out.stanza.attr("type") != "groupchat") xep::addReceiptRequest(out.stanza);  // none in rooms
        return im::OutFlow::Next;
    });
    m_core.incoming.add(im::Stage::Signals, name(), im::applyReceipt);
    m_core.incoming.add(im::Stage::Notify, name(), [this](im::Incoming& in) {
        const im::IncomingResult& r = in.result;
        if (r.receiptTo.empty() || !m_core.online()) return im::Flow::Next;
        if (im::sharesPresenceWith(m_core.state, r.peer))
            m_core.session.send(xep::receiptMessage(r.receiptTo, r.receiptId, "chat", m_core.uuid()));
        else
            m_core.log("no receipt to " + r.peer + ": not a contact");
        return im::Flow::Next;
    });
}

std::vector<std::string> ReceiptsModule::features() const { return {xep::kReceiptsFeature}; }

}  // namespace starling::modules
