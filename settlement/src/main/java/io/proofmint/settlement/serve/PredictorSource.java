package io.proofmint.settlement.serve;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a served model's predictor comes from: the model token it is served as, its checkpoint, and
 * (optionally) the model definition that gives the checkpoint its shape.
 */
public record PredictorSource(String modelToken, Path checkpoint, Optional<Path> modelDefinition) {}
