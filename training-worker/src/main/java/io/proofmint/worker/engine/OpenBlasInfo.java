package io.proofmint.worker.engine;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the OpenBLAS that this process loaded (ND4J's bundled one) which version it is and which
 * kernel set ("core") it chose: {@code OPENBLAS_CORETYPE} if set, else the CPU's best. The JavaCPP
 * preset does not map {@code openblas_get_config}, so it is called through JNA on the library the
 * process already has mapped: {@code libopenblas_nolapack}, the one the {@code cblas_sgemm} of
 * {@link org.bytedeco.openblas.global.openblas_nolapack} (ND4J's and the engine's) runs in.
 *
 * <p>The library is opened with {@code RTLD_NOLOAD} and without {@code RTLD_GLOBAL}: ND4J also
 * loads a second OpenBLAS ({@code libopenblas.so.0}), and promoting either one's symbols to global
 * scope makes the two mix their memory pools ("BLAS : Bad memory unallocation!", then a crash).
 */
record OpenBlasInfo(String version, String coreName) {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBlasInfo.class);

  static final String UNKNOWN = "unknown";

  private static final int RTLD_LAZY = 0x1;
  private static final int RTLD_NOLOAD = 0x4;

  static OpenBlasInfo none() {
    return new OpenBlasInfo("none", "none");
  }

  /** The loaded OpenBLAS, or {@link #none()} if no OpenBLAS is mapped into the process. */
  static OpenBlasInfo probe() {
    Optional<String> library = loadedLibrary();
    if (library.isEmpty()) {
      return none();
    }
    NativeLibrary lib = null;
    try {
      lib =
          NativeLibrary.getInstance(
              library.get(), Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_NOLOAD));
      String config = call(lib, "openblas_get_config");
      String core = call(lib, "openblas_get_corename");
      // "OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
      String[] words = config.trim().split("\\s+");
      String version = words.length >= 2 ? words[0] + " " + words[1] : config.trim();
      return new OpenBlasInfo(version, core.trim());
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.warn("could not ask OpenBLAS at {} for its version and core", library.get(), e);
      return new OpenBlasInfo(UNKNOWN, UNKNOWN);
    } finally {
      if (lib != null) {
        lib.dispose();
      }
    }
  }

  private static String call(NativeLibrary lib, String name) {
    Function f = lib.getFunction(name);
    String result = f.invokeString(new Object[0], false);
    return result == null ? UNKNOWN : result;
  }

  private static Optional<String> loadedLibrary() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(maps)) {
      return lines
          .filter(l -> l.contains("/libopenblas_nolapack.so"))
          .map(l -> l.substring(l.indexOf('/')))
          .findFirst();
    } catch (IOException e) {
      LOG.warn("could not read {} to find the loaded OpenBLAS", maps, e);
      return Optional.empty();
    }
  }
}
