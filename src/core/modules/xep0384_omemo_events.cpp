// Client: OMEMO's live device lists (XEP-0163 PEP notifications of the devicelist node). We advertise
// devicelist+notify in our disco#info (and XEP-0115 caps in presence), so the server pushes every change
// of a contact's list and of our own.
#include <algorithm>

#include "core/modules/xep0384_omemo_service.h"
#include "core/im/jid_util.h"
#include "core/xep/xep0060_pubsub.h"
#include "core/xep/xep0384_omemo_legacy.h"

namespace starling::modules {

std::vector<const char*> OmemoService::discoFeatures() { return {xep::kOmemoDeviceListNotify}; }

bool OmemoService::handleEvent(const xml::Element& message) {
    const xml::Element* items = xep::pubsubEventItems(message);
    if (!items || items->attr("node") != xep::kOmemoDeviceListNode) return false;
    // PEP notifications come from the owner's bare JID; none at all means our own account's server.
    const std::string_view from = message.attr("from");
    const std::string owner = from.empty() ? m_accountJid : im::normalizedBare(from);
    if (owner.empty() || !im::resourceOf(from).empty()) {
        d.log("omemo: dropped a device-list event from '" + std::string(from) + "' (not a bare JID)");
        return true;
    }
    if (!m_account) return true;
    // Lists of strangers are not stored: only our own, roster contacts', open conversations' and room members'.
    const bool known = owner == m_accountJid || d.state.conversations.count(owner) || m_groupPeers.count(owner) ||
                       std::any_of(d.state.roster.begin(), d.state.roster.end(),
                                   [&](const model::RosterItem& i) { return i.jid == owner; });
    if (!known) {
        d.log("omemo: ignored the device list of " + owner + " (not a contact)");
        return true;
    }
    const xml::Element* list = xep::pubsubFirstPayload(message, xep::kOmemoDeviceListNode);
    if (!list) return true;  // a retraction or an empty notification: keep what we know
    std::vector<std::uint32_t> ids = xep::parseOmemoDeviceList(*list);  // bounded to kOmemoMaxDevices
    updateDeviceList(owner, ids);
    m_listsFetched.insert(owner);
    if (owner == m_accountJid && online() &&
        std::find(ids.begin(), ids.end(), m_account->deviceId()) == ids.end()) {
        // Another device of ours published a list without this one: put ourselves back (XEP-0384 §4.2).
        d.log("omemo: our device is missing from our list; republishing it");
        if (ids.size() >= xep::kOmemoMaxDevices) ids.erase(ids.begin());
        ids.push_back(m_account->deviceId());
        publishDeviceList(ids);
    }
    save();
    mirror();
    if (d.ready) d.ready();
    return true;
}

}  // namespace starling::modules
