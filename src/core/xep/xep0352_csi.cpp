#include "core/xep/xep0352_csi.h"

#include "core/xml/ns.h"

namespace starling::xep {

bool csiAdvertised(const xml::Element& streamFeatures) { return streamFeatures.child(ns::kCsi, "csi") != nullptr; }

xml::Element csiNonza(bool active) { return xml::Element(ns::kCsi, active ? "active" : "inactive"); }

}  // namespace starling::xep
