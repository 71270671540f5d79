"""Writes timm-figures.json: the subset of the shared reference's timm figures that the exact-match tests read,
keyed by the catalog's preset names, in the format of torchvision-figures.json.

Run from this folder: python3 subset_timm.py ../../../../../../shared/reference/timm-figures.json
"""
import json
import sys

PRESET_OF_TIMM = {
    "inception_v4": "inception_v4",
    "inception_resnet_v2": "inception_resnet_v2",
    "legacy_xception": "xception",
    "seresnet50": "se_resnet50",
    "seresnext50_32x4d": "se_resnext50_32x4d",
    "nasnetalarge": "nasnet_a_large",
    "resnetv2_50": "preact_resnet50",
}

source = json.load(open(sys.argv[1]))
models = {}
for timm_name, preset in PRESET_OF_TIMM.items():
    m = source["models"][timm_name]
    t = m["totals"]
    models[preset] = {
        "timm_name": timm_name,
        "builder": m["builder"],
        "input_shape": m["input_shape"],
        "params": t["params_total"],
        "params_excluding_bn": t["params_excluding_bn"],
        "mult_adds": t["multiply_adds_conv_linear"],
        "mac_conv_linear": t["mac_conv_linear"],
        "conv_fc": [
            {k: layer[k] for k in ("name", "type", "output_shape", "params")}
            | {"mult_adds": layer["multiply_adds"], "mac": layer["mac"]}
            for layer in m["layers"] if layer["type"] in ("Conv2d", "Linear")
        ],
    }
out = {
    "source": "Extracted from shared/reference/timm-figures.json (computed by PyTorch with timm "
              + source["versions"]["timm"] + " and timm_refs.py; see NOTICE.md) by subset_timm.py. Keyed by the "
              "catalog's preset names; timm_name is timm's. Per model: totals, input shape and every Conv2d/Linear "
              "call in execution order.",
    "models": models,
}
with open("timm-figures.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
