package io.proofmint.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class SyntheticTaskAndBatchTest {

  @Test
  void gaussianClusters_isAPureFunctionOfItsArguments() {
    Examples a = SyntheticTask.gaussianClusters(1, 100, 64, 10);
    Examples b = SyntheticTask.gaussianClusters(1, 100, 64, 10);
    Examples c = SyntheticTask.gaussianClusters(2, 100, 64, 10);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(java.util.Arrays.stream(a.labels()).allMatch(l -> l >= 0 && l < 10)).isTrue();
    assertThat(a.features()).hasSize(6400);
  }

  @Test
  void gather_copiesNamedRowsInBatchOrder() {
    Examples examples = new Examples(2, 3, new float[] {0, 1, 10, 11, 20, 21}, new int[] {0, 1, 2});
    FloatBuffer features = FloatBuffer.allocate(4);
    int[] labels = new int[2];

    BatchAssembler.gather(examples, new int[] {9, 2, 0, 9}, 1, 3, features, labels);

    assertThat(features.array()).containsExactly(20, 21, 0, 1);
    assertThat(labels).containsExactly(2, 0);
  }

  @Test
  void gather_rejectsAnIndexOutsideTheData() {
    Examples examples = new Examples(1, 2, new float[] {0, 1}, new int[] {0, 1});

    assertThatThrownBy(
            () -> BatchAssembler.gather(examples, new int[] {1, 2}, 0, 2, new float[2], new int[2]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("batch position 1: example index 2 outside [0, 2)");
  }

  @Test
  void examples_rejectsLabelsOutsideTheClasses() {
    assertThatThrownBy(() -> new Examples(1, 2, new float[] {0}, new int[] {2}))
        .hasMessage("examples: label of row 0 must be in [0, 2), got 2");
  }
}
