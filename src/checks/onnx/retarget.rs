//! Runs a fully convolutional model exported at one fixed input size at another: the person
//! segmentation was converted at 256², but the photo is 3:4, so a quarter of a square input
//! would be padding. Every spatial constant the converter wrote for the export size is
//! scaled to the new size, axis by axis:
//!
//! - an `AveragePool` whose kernel equals its strides pools a whole feature map (the model's
//!   attention blocks) and becomes a `GlobalAveragePool`, which fits any map;
//! - a `Resize` with constant `sizes` gets its height and width scaled;
//! - a `ConvTranspose` with an `output_shape` gets the new height and width scaled.
//!
//! The converter also annotated every intermediate and output with its shape at the export
//! size; those annotations are dropped, and `tract` infers the shapes anew from the input.
//! A pool, upsampling or transposed convolution this cannot rewrite makes the load fail, so
//! the model is never run on a shape it was not rewritten for. The pools are taken as whole
//! map pools from their attributes alone; a test checks that at the export size the rewrite
//! gives the stock graph's output, which holds only if they are.

use tract_onnx::pb::type_proto::Value;
use tract_onnx::pb::{ModelProto, NodeProto, TensorProto};

/// ONNX `TensorProto.DataType` of `INT64`.
const INT64: i32 = 7;

/// Scales the model's spatial constants from `native` to `target` (`[height, width]`).
pub fn retarget(
    proto: &mut ModelProto,
    native: [usize; 2],
    target: [usize; 2],
) -> Result<(), String> {
    let graph = proto
        .graph
        .as_mut()
        .ok_or_else(|| "the model has no graph".to_owned())?;
    let whole = |v: usize| i64::try_from(v).map_err(|_| format!("size {v}"));
    let native = [whole(native[0])?, whole(native[1])?];
    let target = [whole(target[0])?, whole(target[1])?];
    let scale = |axis: usize, v: i64| -> Result<i64, String> {
        match v.checked_mul(target[axis]) {
            Some(scaled) if v > 0 && native[axis] > 0 && scaled % native[axis] == 0 => {
                Ok(scaled / native[axis])
            }
            _ => Err(format!(
                "size {v} does not scale from {} to {}",
                native[axis], target[axis]
            )),
        }
    };
    graph.value_info.clear();
    for output in &mut graph.output {
        if let Some(Value::TensorType(t)) = output.r#type.as_mut().and_then(|t| t.value.as_mut()) {
            t.shape = None;
        }
    }
    let mut resized = Vec::new();
    for node in &mut graph.node {
        match node.op_type.as_str() {
            "AveragePool" => global_pool(node)?,
            "Resize" => resized.extend(node.input.get(3).cloned()),
            "ConvTranspose" => {
                if let Some(shape) = node.attribute.iter_mut().find(|a| a.name == "output_shape") {
                    if shape.ints.len() != 2 {
                        return Err(format!("{}: output_shape {:?}", node.name, shape.ints));
                    }
                    for (axis, v) in shape.ints.iter_mut().enumerate() {
                        *v = scale(axis, *v)?;
                    }
                }
            }
            _ => {}
        }
    }
    for name in resized {
        let sizes = graph
            .initializer
            .iter_mut()
            .find(|t| t.name == name)
            .ok_or_else(|| format!("Resize sizes {name} are not a constant"))?;
        let mut values = int64s(sizes)?;
        if values.len() != 4 {
            return Err(format!("Resize sizes {name}: {values:?}"));
        }
        for axis in 0..2 {
            values[2 + axis] = scale(axis, values[2 + axis])?;
        }
        sizes.int64_data.clear();
        sizes.raw_data = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    }
    Ok(())
}

/// An `AveragePool` over whole feature maps (kernel = strides, no padding) as a
/// `GlobalAveragePool`; any other pool is an error.
fn global_pool(node: &mut NodeProto) -> Result<(), String> {
    let ints = |name: &str| {
        node.attribute
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.ints.clone())
            .unwrap_or_default()
    };
    let (kernel, strides, pads) = (ints("kernel_shape"), ints("strides"), ints("pads"));
    if kernel.is_empty() || kernel != strides || pads.iter().any(|p| *p != 0) {
        return Err(format!(
            "{}: AveragePool kernel {kernel:?}, strides {strides:?}, pads {pads:?} is not a whole-map pool",
            node.name
        ));
    }
    "GlobalAveragePool".clone_into(&mut node.op_type);
    node.attribute.clear();
    Ok(())
}

/// The values of an `INT64` tensor, from whichever field holds them.
fn int64s(t: &TensorProto) -> Result<Vec<i64>, String> {
    if t.data_type != INT64 {
        return Err(format!(
            "{}: data type {}, expected INT64",
            t.name, t.data_type
        ));
    }
    if !t.int64_data.is_empty() {
        return Ok(t.int64_data.clone());
    }
    if !t.raw_data.len().is_multiple_of(8) {
        return Err(format!("{}: {} raw bytes", t.name, t.raw_data.len()));
    }
    Ok(t.raw_data
        .chunks_exact(8)
        .map(|b| i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .collect())
}
