import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;

/**
 * Run by the build on the extracted jar (make-launcher.sh), with the libraries on its class path:
 * rewrites the class files older than Java 6 (class-file version below 50) in each library of
 * {@code LIB_DIR} as Java 8 class files, with the stack map frames those need, computed by ASM
 * (Spring's own copy). A class-data archive of JDK 17 leaves such old classes out, so every run
 * would load and verify them from the jar again (the command-line parser is one: ~0.1 s of every
 * start). The code itself is not changed. A library that cannot be rewritten is left as it was.
 *
 * <p>Usage: {@code java -cp LIB_DIR/* ClassFileUpgrade.java LIB_DIR}
 */
public final class ClassFileUpgrade {

    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : jars) {
                try {
                    int upgraded = upgrade(jar);
                    if (upgraded > 0) {
                        System.out.println("upgraded " + upgraded + " class files older than Java 6 in " + jar.getFileName());
                    }
                } catch (RuntimeException | IOException e) {
                    System.err.println("warning: left " + jar.getFileName() + " as it was: " + e);
                }
            }
        }
    }

    /** Rewrites the jar if it holds old class files; returns how many were rewritten. */
    private static int upgrade(Path jar) throws IOException {
        if (!holdsOldClasses(jar)) {
            return 0;
        }
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int n = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (isOldClass(e, bytes)) {
                    bytes = asJava8(bytes);
                    n++;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        return n;
    }

    private static boolean holdsOldClasses(Path jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class") && isOldClass(e, header(in))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] header(InputStream in) throws IOException {
        return in.readNBytes(8);
    }

    private static boolean isOldClass(ZipEntry e, byte[] bytes) {
        return e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class") && bytes.length >= 8
                && (bytes[0] & 0xff) == 0xCA && (bytes[1] & 0xff) == 0xFE
                && (((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff)) < JAVA_6;
    }

    /** The same class as a Java 8 class file: the version raised, the stack map frames computed. */
    private static byte[] asJava8(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }
}
