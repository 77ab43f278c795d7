//! The one place that runs ONNX models: `tract-onnx`, behind the `models` feature (on by
//! default). The face models ([`super::face`]) and the person segmentation
//! ([`super::person`]) load and run through here.
//!
//! Without the feature (the fuzz crate's roster and file-decode targets, which must instrument
//! quickly) [`Plan`] is uninhabited and [`load`] always fails with [`ABSENT`]: every caller
//! already turns a load failure into "not assessed", so a check that needs a model can never
//! pass in such a build.

#[cfg(feature = "models")]
mod prelu;
#[cfg(feature = "models")]
mod retarget;
#[cfg(feature = "models")]
mod upsample;

/// A model optimised for one input shape, ready to run; `Send + Sync`.
#[cfg(feature = "models")]
pub type Plan = std::sync::Arc<tract_onnx::prelude::TypedRunnableModel>;

/// No model can be loaded in a build without the `models` feature.
#[cfg(not(feature = "models"))]
#[derive(Debug)]
pub enum Plan {}

/// Why a build without the `models` feature cannot load a model.
#[cfg(not(feature = "models"))]
pub const ABSENT: &str = "this build has no model runtime (built without the `models` feature)";

/// The ONNX output names and element counts (0 when not fixed), in output order.
pub type Outputs = Vec<(String, usize)>;

/// Which operator set the loader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ops {
    /// `tract-onnx`'s own operators: the reference the tests compare our rewrites with.
    #[cfg(test)]
    Stock,
    /// Ours: `PRelu` as two clamps (see `prelu`), much faster on the face models.
    FastPrelu,
    /// Ours: bilinear 2× `Resize` as a row and a column pass (see `upsample`), bit for bit
    /// the same output; 12.9 → 1.2 ms of the person segmentation's three upsamplings.
    FastUpsample,
}

/// Loads `bytes` (an ONNX model) for a fixed `f32` input of `shape` and optimises it.
#[cfg(feature = "models")]
pub fn load(bytes: &[u8], shape: [usize; 4], ops: Ops) -> Result<(Plan, Outputs), String> {
    load_at(bytes, None, shape, ops)
}

/// [`load`] for a fully convolutional model exported at `native` (`[height, width]`) and
/// run at `shape`'s height and width instead (see `retarget`).
#[cfg(feature = "models")]
pub fn load_retargeted(
    bytes: &[u8],
    native: [usize; 2],
    shape: [usize; 4],
    ops: Ops,
) -> Result<(Plan, Outputs), String> {
    load_at(bytes, Some(native), shape, ops)
}

#[cfg(feature = "models")]
fn load_at(
    bytes: &[u8],
    native: Option<[usize; 2]>,
    shape: [usize; 4],
    ops: Ops,
) -> Result<(Plan, Outputs), String> {
    use tract_onnx::prelude::{DatumExt, Framework, InferenceModelExt, TypedSimplePlan};
    let err = |e: tract_onnx::prelude::TractError| format!("{e:#}");
    let mut onnx = tract_onnx::onnx();
    if ops == Ops::FastPrelu {
        prelu::register(&mut onnx);
    }
    let mut reader = bytes;
    let mut proto = onnx.proto_model_for_read(&mut reader).map_err(err)?;
    if let Some(native) = native {
        retarget::retarget(&mut proto, native, [shape[2], shape[3]])?;
    }
    let mut typed = onnx
        .model_for_proto_model(&proto)
        .map_err(err)?
        .with_input_fact(0, f32::fact(shape).into())
        .map_err(err)?
        .into_optimized()
        .map_err(err)?;
    if ops == Ops::FastUpsample {
        upsample::rewrite(&mut typed).map_err(err)?;
    }
    let names = typed
        .outputs
        .iter()
        .map(|o| {
            let name = typed
                .outlet_label(*o)
                .map_or_else(|| typed.nodes[o.node].name.clone(), str::to_owned);
            let len = typed
                .outlet_fact(*o)
                .ok()
                .and_then(|f| f.shape.as_concrete().map(|s| s.iter().product()))
                .unwrap_or(0);
            (name, len)
        })
        .collect();
    let plan = TypedSimplePlan::new(typed).map_err(err)?;
    Ok((plan, names))
}

/// Always [`ABSENT`]: this build has no model runtime.
#[cfg(not(feature = "models"))]
pub fn load(_bytes: &[u8], _shape: [usize; 4], _ops: Ops) -> Result<(Plan, Outputs), String> {
    Err(ABSENT.to_owned())
}

/// Always [`ABSENT`]: this build has no model runtime.
#[cfg(not(feature = "models"))]
pub fn load_retargeted(
    _bytes: &[u8],
    _native: [usize; 2],
    _shape: [usize; 4],
    _ops: Ops,
) -> Result<(Plan, Outputs), String> {
    Err(ABSENT.to_owned())
}

/// Runs `plan` on one `shape` (`1×3×h×w`) input; returns every output flattened.
#[cfg(feature = "models")]
pub fn run(plan: &Plan, shape: [usize; 4], data: &[f32]) -> Result<Vec<Vec<f32>>, String> {
    use tract_onnx::prelude::{IntoTValue, Tensor, tvec};
    let err = |e: tract_onnx::prelude::TractError| format!("{e:#}");
    let input = Tensor::from_shape(&shape, data).map_err(err)?;
    let outputs = plan.run(tvec!(input.into_tvalue())).map_err(err)?;
    outputs
        .iter()
        .map(|o| {
            o.to_plain_array_view::<f32>()
                .map(|v| v.iter().copied().collect())
                .map_err(err)
        })
        .collect()
}

/// Unreachable: no [`Plan`] exists without the `models` feature.
#[cfg(not(feature = "models"))]
pub fn run(plan: &Plan, _shape: [usize; 4], _data: &[f32]) -> Result<Vec<Vec<f32>>, String> {
    match *plan {}
}

#[cfg(all(test, not(feature = "models")))]
mod tests {
    use super::*;

    #[test]
    fn without_the_runtime_every_load_fails() {
        let err = load(&[], [1, 3, 8, 8], Ops::Stock).unwrap_err();
        assert_eq!(err, ABSENT);
    }
}
