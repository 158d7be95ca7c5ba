#include "core/modules/xep0393_styling_module.h"

#include "core/xml/ns.h"

namespace starling::modules {

StylingModule::StylingModule(Core& core) : Module(core) {
    // Decrypt: the body is known by then (Dedup), and the hint sits outside an OMEMO payload.
    m_core.incoming.add(im::Stage::Decrypt, name(), [](im::Incoming& in) {
        in.built.unstyled = in.message->child(ns::kStyling, "unstyled") != nullptr;
        return im::Flow::Next;
    });
}

std::vector<std::string> StylingModule::features() const { return {ns::kStyling}; }

}  // namespace starling::modules
