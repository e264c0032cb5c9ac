package io.proofmint.worker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What this process would train with: the values a {@link ReproducibilityProfile} is checked
 * against. {@link #probe()} reads them from the running ND4J and OpenBLAS; tests build them by
 * hand.
 *
 * @param coreTypeEnvironment the {@code OPENBLAS_CORETYPE} variable ({@code "unset"} if absent),
 *     kept to explain a core mismatch; the identity is the core OpenBLAS reports using ({@code
 *     blasCoreType}), since an unset variable means "whatever this CPU supports best"
 */
public record RuntimeFacts(
    String backend,
    String nd4jVersion,
    String blasLibrary,
    String blasCoreType,
    String coreTypeEnvironment,
    int blasThreadsPerCall,
    int engineRevision) {

  public static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";
  public static final String UNSET = "unset";

  /** Reads the running backend; loads ND4J if it is not loaded yet (seconds, once). */
  public static RuntimeFacts probe() {
    return probe(System.getenv());
  }

  static RuntimeFacts probe(Map<String, String> environment) {
    Object backendName = Nd4j.getExecutioner().getEnvironmentInformation().get("backend");
    String backend = backendName(String.valueOf(backendName));
    OpenBlasInfo blas =
        ReproducibilityProfile.CPU_BACKEND.equals(backend)
            ? OpenBlasInfo.probe()
            : OpenBlasInfo.none();
    String coreTypeEnv = environment.get(CORETYPE_VARIABLE);
    return new RuntimeFacts(
        backend,
        readNd4jVersion(),
        blas.version(),
        blas.coreName(),
        describe(coreTypeEnv),
        Blas.threadsPerCall(),
        OpenBlasProfile.ENGINE_REVISION);
  }

  /**
   * {@code "unset"}, or the value in quotes when blank: OpenBLAS 0.3.19 does not ignore an empty
   * {@code OPENBLAS_CORETYPE} (here it picked Cooperlake).
   */
  private static String describe(String coreTypeEnv) {
    if (coreTypeEnv == null) {
      return UNSET;
    }
    return coreTypeEnv.isBlank() ? "'" + coreTypeEnv + "'" : coreTypeEnv;
  }

  static String backendName(String nd4jBackend) {
    return switch (nd4jBackend) {
      case "CPU" -> ReproducibilityProfile.CPU_BACKEND;
      case "CUDA" -> ReproducibilityProfile.CUDA_BACKEND;
      default -> "nd4j-" + nd4jBackend.toLowerCase(Locale.ROOT);
    };
  }

  private static String readNd4jVersion() {
    try (InputStream in =
        Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
      if (in == null) {
        return OpenBlasInfo.UNKNOWN;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", OpenBlasInfo.UNKNOWN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the ND4J version from nd4j-api's jar", e);
    }
  }
}
